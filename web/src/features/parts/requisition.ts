// A requisition (领用单) as the warehouse sees it: what each line needs
// against what is on the shelf, and which steps the viewer may take. The
// server decides (all lines or none, never below zero); this only shows the
// keeper beforehand where it will fall short.
import type { RequisitionStatus, Role } from '../../gql/enums';

export interface LineLike {
  quantityRequested: number;
  quantityIssued: number;
  quantityReturned: number;
  part?: { id: string } | null;
}

export interface LineStock {
  requested: number;
  available: number | null;
  short: number;
}

/** Per line: requested, on hand in the requisition's warehouse (null: no stock row), and how many are missing. */
export function lineStock(line: LineLike, onHand: ReadonlyMap<string, number>): LineStock {
  const available = line.part ? (onHand.get(line.part.id) ?? null) : null;
  const short = Math.max(0, line.quantityRequested - (available ?? 0));
  return { requested: line.quantityRequested, available, short };
}

/** Whether every line can be issued from what is on hand now. */
export function canCover(lines: readonly LineLike[], onHand: ReadonlyMap<string, number>): boolean {
  return lines.every((line) => lineStock(line, onHand).short === 0);
}

/** Units issued and not yet back: the most that may come back on a line. */
export function outstanding(line: LineLike): number {
  return Math.max(0, line.quantityIssued - line.quantityReturned);
}

export type RequisitionStep = 'approve' | 'reject' | 'issue' | 'returnLeftovers';

const STEP_ROLES: Record<RequisitionStep, readonly Role[]> = {
  approve: ['SERVICE_MANAGER'],
  reject: ['SERVICE_MANAGER'],
  issue: ['WAREHOUSE'],
  returnLeftovers: ['WAREHOUSE'],
};

const STEP_FROM: Record<RequisitionStep, RequisitionStatus> = {
  approve: 'REQUESTED',
  reject: 'REQUESTED',
  issue: 'APPROVED',
  returnLeftovers: 'ISSUED',
};

/** The steps the API lets `roles` take on a requisition in `status` (ADMIN may take every one). */
export function stepsFor(status: RequisitionStatus, roles: readonly Role[]): RequisitionStep[] {
  const admin = roles.includes('ADMIN');
  return (Object.keys(STEP_FROM) as RequisitionStep[]).filter(
    (step) => STEP_FROM[step] === status && (admin || STEP_ROLES[step].some((role) => roles.includes(role))),
  );
}

/** The list's tabs: waiting to be issued first, then waiting for approval, then the rest. */
export const REQUISITION_TABS = ['APPROVED', 'REQUESTED', 'ISSUED', 'CLOSED', 'REJECTED', 'ALL'] as const;
export type RequisitionTab = (typeof REQUISITION_TABS)[number];

export interface RequisitionView {
  tab: RequisitionTab;
  warehouseId: string | null;
  after: string | null;
  open: string | null;
}

export function parseRequisitionView(params: URLSearchParams): RequisitionView {
  const tab = params.get('status') as RequisitionTab | null;
  return {
    tab: tab && REQUISITION_TABS.includes(tab) ? tab : 'APPROVED',
    warehouseId: params.get('warehouse') || null,
    after: params.get('after') || null,
    open: params.get('open') || null,
  };
}

export function requisitionViewToParams(view: RequisitionView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab !== 'APPROVED') params.set('status', view.tab);
  if (view.warehouseId) params.set('warehouse', view.warehouseId);
  if (view.after) params.set('after', view.after);
  if (view.open) params.set('open', view.open);
  return params;
}
