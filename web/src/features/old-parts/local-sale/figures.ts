// A lot's figures as the regulation computes them, shown in the form while
// it is filled in (the server computes them again on submit and its answer
// is what the lot page shows): base price = market price × weight; the floor
// is 85 % of it, 75 % in the remote provinces; the lot's value (the base
// price, or the sale price if higher) sets who approves.
import type { ApprovalLevel } from '../../../gql/enums';
import { add, cents, compare, divide, isDecimal, multiply } from '../../../components/decimal';
import { floorPercent, floorPrice } from '../../../components/scrapFloor';

export { floorPercent, isRemote } from '../../../components/scrapFloor';

export const PROJECT_LIMIT = '20000';
export const DEPARTMENT_LIMIT = '50000';
/** Buyers' quotes a lot needs on record. */
export const MIN_QUOTES = 3;

/** Who approves a lot of this value. */
export function approvalLevel(lotValue: string): ApprovalLevel {
  if (compare(lotValue, PROJECT_LIMIT) <= 0) return 'PROJECT';
  if (compare(lotValue, DEPARTMENT_LIMIT) <= 0) return 'DEPARTMENT';
  return 'COMPANY';
}

interface Weighable {
  quantity: number;
  part?: { weightKg: string } | null;
}

/** The catalogue weight of the parts: each part's weight × its quantity. */
export function catalogueWeight(items: readonly Weighable[]): string {
  return add('0', ...items.map((item) => multiply(item.part?.weightKg ?? '0', String(item.quantity))));
}

export interface LotInput {
  province: string;
  marketPricePerKg: string;
  weightKg: string;
  salePrice: string;
}

export interface LotFigures {
  basePrice: string;
  floorPercent: string;
  floorPrice: string;
  /** Sale price as percent of the base price; null while the base is zero. */
  percentOfMarket: string | null;
  belowFloor: boolean;
  lotValue: string;
  approvalLevel: ApprovalLevel;
}

function usable(text: string): boolean {
  return isDecimal(text) && compare(text, '0') >= 0;
}

/** The figures, or null while an input is missing, not a number, or the weight is zero. */
export function lotFigures(input: LotInput): LotFigures | null {
  const { province, marketPricePerKg, weightKg, salePrice } = input;
  if (!province || ![marketPricePerKg, weightKg, salePrice].every(usable)) return null;
  // No parts picked and nothing weighed yet: there is no lot to measure.
  if (compare(weightKg, '0') === 0) return null;
  const basePrice = cents(multiply(marketPricePerKg, weightKg));
  const floor = floorPercent(province);
  const zeroBase = compare(basePrice, '0') === 0;
  const lotValue = compare(salePrice, basePrice) > 0 ? cents(salePrice) : basePrice;
  return {
    basePrice,
    floorPercent: floor,
    floorPrice: floorPrice(basePrice, province),
    percentOfMarket: zeroBase ? null : divide(multiply(salePrice, '100'), basePrice, 2),
    // Compared exactly (sale × 100 against base × floor), not through the rounded percent.
    belowFloor: compare(multiply(salePrice, '100'), multiply(basePrice, floor)) < 0,
    lotValue,
    approvalLevel: approvalLevel(lotValue),
  };
}

export interface Candidate extends Weighable {
  id: string;
  status: string;
  disposition?: string | null;
  part?: { id: string; partNumber: string; name: string; weightKg: string } | null;
}

/** Old parts that may go into a lot: marked for local sale and not yet disposed of. */
export function forSale<C extends Candidate>(parts: readonly C[]): C[] {
  return parts.filter((p) => p.disposition === 'LOCAL_SALE' && p.status !== 'DISPOSED' && p.part);
}

export interface Specification<C> {
  partId: string;
  partNumber: string;
  name: string;
  parts: C[];
}

/** The candidates by specification (part): a lot holds one, whole. */
export function bySpecification<C extends Candidate>(parts: readonly C[]): Specification<C>[] {
  const groups = new Map<string, Specification<C>>();
  for (const p of parts) {
    if (!p.part) continue;
    const group = groups.get(p.part.id) ?? { partId: p.part.id, partNumber: p.part.partNumber, name: p.part.name, parts: [] };
    group.parts.push(p);
    groups.set(p.part.id, group);
  }
  return [...groups.values()].sort((a, b) => a.partNumber.localeCompare(b.partNumber));
}
