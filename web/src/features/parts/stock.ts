// The stock list: what the keeper must act on first (below safety stock,
// the biggest shortfall on top), then everything else by part number. The
// filters live in the URL so a copied link shows the same list.
import type { Role } from '../../gql/enums';

export interface StockLevelLike {
  onHand: number;
  safetyStock: number;
  belowSafetyStock: boolean;
  shortfall: number;
  warehouse?: { id: string; code: string } | null;
  part?: { id: string; partNumber: string; name: string } | null;
}

export interface StockView {
  warehouseId: string | null;
  search: string;
  lowOnly: boolean;
}

export function parseStockView(params: URLSearchParams): StockView {
  return {
    warehouseId: params.get('warehouse') || null,
    search: params.get('q') ?? '',
    lowOnly: params.get('low') === '1',
  };
}

export function stockViewToParams(view: StockView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.warehouseId) params.set('warehouse', view.warehouseId);
  if (view.search.trim()) params.set('q', view.search.trim());
  if (view.lowOnly) params.set('low', '1');
  return params;
}

/** Low stock first (largest shortfall first), then by part number and warehouse code. */
export function compareLevels(a: StockLevelLike, b: StockLevelLike): number {
  if (a.belowSafetyStock !== b.belowSafetyStock) return a.belowSafetyStock ? -1 : 1;
  if (a.belowSafetyStock && a.shortfall !== b.shortfall) return b.shortfall - a.shortfall;
  const byPart = (a.part?.partNumber ?? '').localeCompare(b.part?.partNumber ?? '');
  if (byPart !== 0) return byPart;
  return (a.warehouse?.code ?? '').localeCompare(b.warehouse?.code ?? '');
}

/** A part number that starts with the search, or a name that contains it (case aside). */
export function matchesSearch(level: StockLevelLike, search: string): boolean {
  const wanted = search.trim().toLowerCase();
  if (!wanted) return true;
  const part = level.part;
  if (!part) return false;
  return part.partNumber.toLowerCase().startsWith(wanted) || part.name.toLowerCase().includes(wanted);
}

/** The rows the list shows, in the order it shows them. */
export function stockRows<T extends StockLevelLike>(levels: readonly T[], view: StockView): T[] {
  return levels
    .filter((level) => (!view.lowOnly || level.belowSafetyStock) && matchesSearch(level, view.search))
    .sort(compareLevels);
}

/** A stable key for a stock row: one part in one warehouse. */
export function levelKey(level: StockLevelLike): string {
  return `${level.warehouse?.id ?? ''}/${level.part?.id ?? ''}`;
}

export type StockOperation = 'receive' | 'issue' | 'return' | 'adjust' | 'safety';

const OPERATION_ROLES: Record<StockOperation, readonly Role[]> = {
  receive: ['WAREHOUSE', 'SERVICE_MANAGER'],
  issue: ['WAREHOUSE'],
  return: ['WAREHOUSE'],
  adjust: ['WAREHOUSE', 'SERVICE_MANAGER'],
  safety: ['WAREHOUSE', 'SERVICE_MANAGER'],
};

/** The stock operations the API lets `roles` book (ADMIN may book every one). */
export function operationsFor(roles: readonly Role[]): StockOperation[] {
  const admin = roles.includes('ADMIN');
  return (Object.keys(OPERATION_ROLES) as StockOperation[]).filter(
    (operation) => admin || OPERATION_ROLES[operation].some((role) => roles.includes(role)),
  );
}

/** On hand after a signed correction, or null when it would go below zero. */
export function afterCorrection(onHand: number, correction: number | null | undefined): number | null {
  if (correction === null || correction === undefined || Number.isNaN(correction)) return onHand;
  const after = onHand + correction;
  return after < 0 ? null : after;
}
