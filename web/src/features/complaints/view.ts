// What the complaint list shows (state, category, severity, routing lateness, ticket,
// order, page, the complaint open in the drawer) and its URL.
import type { ComplaintCategory, ComplaintOrderField, ComplaintStatus, OrderDirection, Severity } from '../../gql/enums';
import type { ComplaintFilter, ComplaintListQueryVariables } from '../../gql/graphql';
import { cursorsOf, pageVariables, writeCursors, type Cursors } from '../../components/paging';

export const PAGE_SIZE = 50;
export const STATUSES: readonly ComplaintStatus[] = ['OPEN', 'ROUTED', 'ANSWERED', 'CLOSED'];
export const CATEGORIES: readonly ComplaintCategory[] = ['QUALITY', 'SERVICE_ATTITUDE', 'DELIVERY', 'PRICE'];
/** The gravest first. */
export const SEVERITIES: readonly Severity[] = ['SEVERE', 'MAJOR', 'GENERAL'];

/** The orders offered: newest first, the nearest routing deadline first, by number. */
export const SORTS = ['CREATED_AT:DESC', 'ROUTE_DUE_AT:ASC', 'NUMBER:ASC'] as const;
export type SortKey = (typeof SORTS)[number];

export interface ComplaintView extends Cursors {
  status: ComplaintStatus | null;
  category: ComplaintCategory | null;
  severity: Severity | null;
  /** Only quality complaints past their routing deadline, not yet taken. */
  late: boolean;
  ticketId: string | null;
  sort: SortKey;
  /** The complaint shown in the drawer. */
  open: string | null;
}

export const DEFAULT_VIEW: ComplaintView = {
  status: null,
  category: null,
  severity: null,
  late: false,
  ticketId: null,
  sort: 'CREATED_AT:DESC',
  open: null,
  after: null,
  before: null,
};

export function parseView(params: URLSearchParams): ComplaintView {
  const status = params.get('status') as ComplaintStatus | null;
  const category = params.get('category') as ComplaintCategory | null;
  const severity = params.get('severity') as Severity | null;
  const sort = params.get('sort') as SortKey | null;
  return {
    status: status && STATUSES.includes(status) ? status : null,
    category: category && CATEGORIES.includes(category) ? category : null,
    severity: severity && SEVERITIES.includes(severity) ? severity : null,
    late: params.get('late') === '1',
    ticketId: params.get('ticket') || null,
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    open: params.get('open') || null,
    ...cursorsOf(params),
  };
}

export function viewToParams(view: ComplaintView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status) params.set('status', view.status);
  if (view.category) params.set('category', view.category);
  if (view.severity) params.set('severity', view.severity);
  if (view.late) params.set('late', '1');
  if (view.ticketId) params.set('ticket', view.ticketId);
  if (view.sort !== DEFAULT_VIEW.sort) params.set('sort', view.sort);
  writeCursors(params, view);
  if (view.open) params.set('open', view.open);
  return params;
}

/** A changed filter or order starts at the first page; opening a complaint changes neither. */
export function withChange(view: ComplaintView, change: Partial<ComplaintView>): ComplaintView {
  const keepsPage = Object.keys(change).every((key) => key === 'after' || key === 'before' || key === 'open');
  return { ...view, ...(keepsPage ? {} : { after: null, before: null }), ...change };
}

export function toFilter(view: ComplaintView): ComplaintFilter {
  return {
    routingOverdue: view.late,
    ...(view.status ? { status: view.status } : {}),
    ...(view.category ? { category: view.category } : {}),
    ...(view.severity ? { severity: view.severity } : {}),
    ...(view.ticketId ? { ticketId: view.ticketId } : {}),
  };
}

export function toVariables(view: ComplaintView): ComplaintListQueryVariables {
  const [field, direction] = view.sort.split(':') as [ComplaintOrderField, OrderDirection];
  return { filter: toFilter(view), orderBy: { field, direction }, ...pageVariables(view, PAGE_SIZE) };
}

/** How many filters narrow the list (order and page aside). */
export function activeFilters(view: ComplaintView): number {
  return [view.status, view.category, view.severity, view.late || null, view.ticketId].filter((v) => v !== null).length;
}
