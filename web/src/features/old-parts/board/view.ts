// What the board shows (filters, each section's page) and its URL: every
// choice lives in the search params, so a copied link reproduces the view.
// Late parts come first: the board is two lists over the same filter, the
// late ones (the API's `overdue`) above the rest, each paged by its own
// cursors, since the API orders by due date but not by lateness.
import type { OldPartStatus, OrderDirection, OldPartOrderField } from '../../../gql/enums';
import type { OldPartBoardQueryVariables, OldPartListFilter } from '../../../gql/graphql';
import { OLD_PART_STATUS } from '../../../components/labels';

export const PAGE_SIZE = 50;

/** Which parts by lateness: both sections, only the late, only the rest. */
export type Lateness = 'all' | 'late' | 'notLate';

export type Section = 'late' | 'rest';

export interface Cursor {
  after: string | null;
  before: string | null;
}

export interface BoardView {
  status: OldPartStatus | null;
  lateness: Lateness;
  region: string | null;
  engineerId: string | null;
  dealerId: string | null;
  /** The order of the rest (the late ones go by due date, the longest late first). */
  sort: OldPartOrderField;
  direction: OrderDirection;
  late: Cursor;
  rest: Cursor;
}

const NO_CURSOR: Cursor = { after: null, before: null };

/** Both sections, the rest newest due date first. */
export const DEFAULT_VIEW: BoardView = {
  status: null,
  lateness: 'all',
  region: null,
  engineerId: null,
  dealerId: null,
  sort: 'DUE_ON',
  direction: 'DESC',
  late: NO_CURSOR,
  rest: NO_CURSOR,
};

const SORTS: readonly OldPartOrderField[] = ['DUE_ON', 'CREATED_AT', 'APPROVAL_NUMBER'];
const LATENESS: readonly Lateness[] = ['all', 'late', 'notLate'];

function isStatus(value: string | null): value is OldPartStatus {
  return value !== null && value in OLD_PART_STATUS;
}

function cursorOf(params: URLSearchParams, prefix: string): Cursor {
  const after = params.get(`${prefix}After`);
  return { after: after || null, before: after ? null : params.get(`${prefix}Before`) || null };
}

/** The view a URL asks for; unknown values fall back to the defaults. */
export function parseView(params: URLSearchParams): BoardView {
  const status = params.get('status');
  const lateness = params.get('late') as Lateness | null;
  const sort = params.get('sort') as OldPartOrderField | null;
  const dir = params.get('dir');
  return {
    status: isStatus(status) ? status : null,
    lateness: lateness && LATENESS.includes(lateness) ? lateness : 'all',
    region: params.get('region') || null,
    engineerId: params.get('engineer') || null,
    dealerId: params.get('dealer') || null,
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    direction: dir === 'ASC' || dir === 'DESC' ? dir : DEFAULT_VIEW.direction,
    late: cursorOf(params, 'late'),
    rest: cursorOf(params, 'rest'),
  };
}

function setCursor(params: URLSearchParams, prefix: string, cursor: Cursor) {
  if (cursor.after) params.set(`${prefix}After`, cursor.after);
  else if (cursor.before) params.set(`${prefix}Before`, cursor.before);
}

/** The search params of a view, defaults left out (a clean URL for the default view). */
export function viewToParams(view: BoardView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status) params.set('status', view.status);
  if (view.lateness !== 'all') params.set('late', view.lateness);
  if (view.region) params.set('region', view.region);
  if (view.engineerId) params.set('engineer', view.engineerId);
  if (view.dealerId) params.set('dealer', view.dealerId);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.direction !== DEFAULT_VIEW.direction) params.set('dir', view.direction);
  setCursor(params, 'late', view.late);
  setCursor(params, 'rest', view.rest);
  return params;
}

/** A changed filter or order starts both sections again at their first page. */
export function withChange(view: BoardView, change: Partial<BoardView>): BoardView {
  const paging = 'late' in change || 'rest' in change;
  return { ...view, ...(paging ? {} : { late: NO_CURSOR, rest: NO_CURSOR }), ...change };
}

/**
 * The filter both sections and the totals share. An engineer who is not a
 * manager sees only their own (`mine`): the board is theirs to chase.
 */
export function toFilter(view: BoardView, ownOnly: boolean): OldPartListFilter {
  return {
    mine: ownOnly,
    ...(view.status ? { status: view.status } : {}),
    ...(view.region ? { region: view.region } : {}),
    ...(view.engineerId && !ownOnly ? { engineerId: view.engineerId } : {}),
    ...(view.dealerId ? { dealerId: view.dealerId } : {}),
  };
}

/** The sections the lateness filter leaves, late first. */
export function sectionsOf(view: BoardView): Section[] {
  if (view.lateness === 'late') return ['late'];
  if (view.lateness === 'notLate') return ['rest'];
  return ['late', 'rest'];
}

/** The page query of one section. */
export function sectionVariables(view: BoardView, section: Section, ownOnly: boolean): OldPartBoardQueryVariables {
  const cursor = view[section];
  const page = cursor.before
    ? { last: PAGE_SIZE, before: cursor.before }
    : { first: PAGE_SIZE, ...(cursor.after ? { after: cursor.after } : {}) };
  // The earliest due date is the longest late (delay counts from it).
  const orderBy =
    section === 'late' ? { field: 'DUE_ON' as const, direction: 'ASC' as const } : { field: view.sort, direction: view.direction };
  return { filter: { ...toFilter(view, ownOnly), overdue: section === 'late' }, orderBy, ...page };
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Whether "previous" and "next" lead anywhere. The server answers
 * hasPreviousPage only going backward and hasNextPage only going forward;
 * the page we came from is known to be there.
 */
export function pagingOf(cursor: Cursor, info: PageInfo | undefined) {
  if (!info) return { prev: false, next: false };
  if (cursor.before) return { prev: info.hasPreviousPage, next: true };
  return { prev: cursor.after !== null, next: info.hasNextPage };
}

/** How many filters narrow the view (the order and pages aside). */
export function activeFilters(view: BoardView): number {
  return [view.status !== null, view.lateness !== 'all', view.region !== null, view.engineerId !== null, view.dealerId !== null].filter(
    Boolean,
  ).length;
}
