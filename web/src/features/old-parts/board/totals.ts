// The board's totals: the API gives them by region; the board shows their
// sum over the filter and the regions with the most overdue value first.
import { addMoney } from './money';

export interface RegionTotals {
  key: string;
  parts: number;
  outstandingCount: number;
  outstandingValue: string;
  overdueCount: number;
  overdueValue: string;
}

export interface Summary {
  parts: number;
  outstandingCount: number;
  outstandingValue: string;
  overdueCount: number;
  overdueValue: string;
}

export function summaryOf(groups: readonly RegionTotals[]): Summary {
  return groups.reduce<Summary>(
    (sum, g) => ({
      parts: sum.parts + g.parts,
      outstandingCount: sum.outstandingCount + g.outstandingCount,
      outstandingValue: addMoney(sum.outstandingValue, g.outstandingValue),
      overdueCount: sum.overdueCount + g.overdueCount,
      overdueValue: addMoney(sum.overdueValue, g.overdueValue),
    }),
    { parts: 0, outstandingCount: 0, outstandingValue: '0.00', overdueCount: 0, overdueValue: '0.00' },
  );
}

/** Most overdue first (by count, then value), then by name. */
export function byOverdue(groups: readonly RegionTotals[]): RegionTotals[] {
  return [...groups].sort(
    (a, b) => b.overdueCount - a.overdueCount || b.outstandingCount - a.outstandingCount || a.key.localeCompare(b.key, 'zh'),
  );
}
