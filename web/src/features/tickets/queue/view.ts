// What the queue shows (filters, order, page) and its URL: every choice lives
// in the search params, so a copied link reproduces the view.
import type { OrderDirection, TicketOrderField, TicketStatus } from '../../../gql/enums';
import type { TicketFilter, TicketQueueQueryVariables } from '../../../gql/graphql';
import { TICKET_STATUS } from '../../../components/labels';

export const PAGE_SIZE = 50;

export interface QueueView {
  states: TicketStatus[];
  overdue: boolean;
  region: string | null;
  engineerId: string | null;
  mine: boolean;
  sort: TicketOrderField;
  direction: OrderDirection;
  /** Keyset cursors: at most one is set (forward after, backward before). */
  after: string | null;
  before: string | null;
}

/** Newest first: a new report shows at the top of the first page. */
export const DEFAULT_VIEW: QueueView = {
  states: [],
  overdue: false,
  region: null,
  engineerId: null,
  mine: false,
  sort: 'CREATED_AT',
  direction: 'DESC',
  after: null,
  before: null,
};

const SORTS: readonly TicketOrderField[] = ['CREATED_AT', 'REPLY_DUE_AT', 'ARRIVAL_DUE_AT', 'NUMBER'];

function isStatus(value: string): value is TicketStatus {
  return value in TICKET_STATUS;
}

/** The view a URL asks for; unknown values fall back to the defaults. */
export function parseView(params: URLSearchParams): QueueView {
  const sort = params.get('sort') as TicketOrderField | null;
  const dir = params.get('dir');
  const after = params.get('after');
  return {
    states: (params.get('status') ?? '').split(',').filter(isStatus),
    overdue: params.get('overdue') === '1',
    region: params.get('region') || null,
    engineerId: params.get('engineer') || null,
    mine: params.get('mine') === '1',
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    direction: dir === 'ASC' || dir === 'DESC' ? dir : DEFAULT_VIEW.direction,
    after: after || null,
    before: after ? null : params.get('before') || null,
  };
}

/** The search params of a view, defaults left out (a clean URL for the default view). */
export function viewToParams(view: QueueView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.states.length) params.set('status', view.states.join(','));
  if (view.overdue) params.set('overdue', '1');
  if (view.region) params.set('region', view.region);
  if (view.engineerId) params.set('engineer', view.engineerId);
  if (view.mine) params.set('mine', '1');
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  if (view.direction !== DEFAULT_VIEW.direction) params.set('dir', view.direction);
  if (view.after) params.set('after', view.after);
  else if (view.before) params.set('before', view.before);
  return params;
}

/** A changed filter or order starts again at the first page. */
export function withChange(view: QueueView, change: Partial<QueueView>): QueueView {
  const paging = 'after' in change || 'before' in change;
  return { ...view, ...(paging ? {} : { after: null, before: null }), ...change };
}

export function toFilter(view: QueueView): TicketFilter {
  return {
    states: view.states,
    mine: view.mine,
    ...(view.overdue ? { overdue: true } : {}),
    ...(view.region ? { region: view.region } : {}),
    ...(view.engineerId ? { engineerId: view.engineerId } : {}),
  };
}

export function toVariables(view: QueueView): TicketQueueQueryVariables {
  const page = view.before
    ? { last: PAGE_SIZE, before: view.before }
    : { first: PAGE_SIZE, ...(view.after ? { after: view.after } : {}) };
  return { filter: toFilter(view), orderBy: { field: view.sort, direction: view.direction }, ...page };
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/**
 * Whether "previous" and "next" lead anywhere. The server answers
 * hasPreviousPage only going backward and hasNextPage only going forward;
 * the page we came from is known to be there.
 */
export function pagingOf(view: QueueView, info: PageInfo | undefined) {
  if (!info) return { prev: false, next: false };
  if (view.before) return { prev: info.hasPreviousPage, next: true };
  return { prev: view.after !== null, next: info.hasNextPage };
}

/** How many filters narrow the view (the order and page aside). */
export function activeFilters(view: QueueView): number {
  return [view.states.length > 0, view.overdue, view.region !== null, view.engineerId !== null, view.mine].filter(Boolean)
    .length;
}
