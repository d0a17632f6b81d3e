// What the visit work list shows (which visits, whose, which kind, which
// page) and its URL: every choice lives in the search params.
import type { VisitKind } from '../../gql/enums';
import type { ReturnVisitFilter, VisitWorkListQueryVariables } from '../../gql/graphql';
import { cursorsOf, pageVariables, writeCursors, type Cursors } from '../../components/paging';

export const PAGE_SIZE = 50;

/**
 * `open`: every visit still to make; `due`: due within 24 h or past;
 * `overdue`: past the deadline; `done`: made.
 */
export type VisitScope = 'open' | 'due' | 'overdue' | 'done';
export const SCOPES: readonly VisitScope[] = ['open', 'due', 'overdue', 'done'];
export const KINDS: readonly VisitKind[] = ['AFTER_REPAIR', 'AFTER_GUIDANCE', 'CARE'];

export interface VisitView extends Cursors {
  scope: VisitScope;
  kind: VisitKind | null;
  /** Only the visits assigned to the signed-in agent. */
  mine: boolean;
}

export const DEFAULT_VIEW: VisitView = { scope: 'open', kind: null, mine: false, after: null, before: null };

export function parseView(params: URLSearchParams): VisitView {
  const scope = params.get('scope') as VisitScope | null;
  const kind = params.get('kind') as VisitKind | null;
  return {
    scope: scope && SCOPES.includes(scope) ? scope : DEFAULT_VIEW.scope,
    kind: kind && KINDS.includes(kind) ? kind : null,
    mine: params.get('mine') === '1',
    ...cursorsOf(params),
  };
}

/** The search params of a view, defaults left out. */
export function viewToParams(view: VisitView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.scope !== DEFAULT_VIEW.scope) params.set('scope', view.scope);
  if (view.kind) params.set('kind', view.kind);
  if (view.mine) params.set('mine', '1');
  writeCursors(params, view);
  return params;
}

/** A changed filter starts again at the first page. */
export function withChange(view: VisitView, change: Partial<VisitView>): VisitView {
  const paging = 'after' in change || 'before' in change;
  return { ...view, ...(paging ? {} : { after: null, before: null }), ...change };
}

export function toFilter(view: VisitView, userId: string | undefined): ReturnVisitFilter {
  return {
    ...(view.scope === 'open' ? { visited: false } : {}),
    ...(view.scope === 'done' ? { visited: true } : {}),
    ...(view.scope === 'due' ? { due: true } : {}),
    ...(view.scope === 'overdue' ? { overdue: true } : {}),
    ...(view.kind ? { kind: view.kind } : {}),
    ...(view.mine && userId ? { agentId: userId } : {}),
  };
}

/**
 * Work still to do by its deadline, the earliest first: the overdue ones
 * lead, then those due, then the rest. Made visits, the latest first.
 */
export function toVariables(view: VisitView, userId: string | undefined): VisitWorkListQueryVariables {
  return {
    filter: toFilter(view, userId),
    orderBy: { field: 'DUE_AT', direction: view.scope === 'done' ? 'DESC' : 'ASC' },
    ...pageVariables(view, PAGE_SIZE),
  };
}
