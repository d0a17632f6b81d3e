// A quote's figures as the server prices them (service/src/rules/quote.rs):
// parts from the price list + labour hours × rate + travel there and back,
// each in cents; the customer pays the standard total less the discount.
// The desk sees them while typing; the server prices the stored quote.
import type { ServiceType } from '../../../gql/enums';
import { add, cents, compare, divide, isDecimal, multiply, subtract } from '../../../components/decimal';

/** More than this many percent below standard needs the general manager (DOMAIN.md). */
export const GM_APPROVAL_ABOVE_PERCENT = '10';

export interface QuoteLine {
  unitPrice: string;
  quantity: number;
}

export interface QuoteInputs {
  lines: QuoteLine[];
  labourHours: string;
  labourRate: string;
  distanceKm: number;
  travelRatePerKm: string;
  discountPercent: string;
  /** Decided at triage: a contract pays parts only; free work is not quoted. */
  serviceType: ServiceType | null | undefined;
}

export interface QuoteFigures {
  parts: string;
  labour: string;
  travel: string;
  standardTotal: string;
  total: string;
  /** Quoted against standard, in percent: negative below it (`-12.50`). */
  deviationPercent: string;
  needsApproval: boolean;
}

/** What the service type charges: (parts, labour and travel). */
function charges(serviceType: ServiceType | null | undefined): [boolean, boolean] {
  switch (serviceType) {
    case 'FREE':
    case 'OTHER':
      return [false, false];
    case 'CONTRACT':
      return [true, false];
    default:
      return [true, true];
  }
}

/** A blank or half-typed number counts as zero while the user types. */
function orZero(text: string | null | undefined): string {
  return text != null && isDecimal(String(text)) ? String(text) : '0';
}

/** Exactly 10 % below passes; anything more needs the general manager. */
export function needsApproval(discountPercent: string): boolean {
  return compare(orZero(discountPercent), GM_APPROVAL_ABOVE_PERCENT) > 0;
}

export function priceQuote(inputs: QuoteInputs): QuoteFigures {
  const [partsCharged, labourCharged] = charges(inputs.serviceType);
  const partsSum = add('0', ...inputs.lines.map((l) => multiply(orZero(l.unitPrice), String(l.quantity || 0))));
  const parts = partsCharged ? cents(partsSum) : '0.00';
  const labour = labourCharged ? cents(multiply(orZero(inputs.labourHours), orZero(inputs.labourRate))) : '0.00';
  const travel = labourCharged
    ? cents(multiply(String(2 * inputs.distanceKm), orZero(inputs.travelRatePerKm)))
    : '0.00';
  const standardTotal = cents(add(parts, labour, travel));
  const discount = orZero(inputs.discountPercent);
  const total = cents(divide(multiply(standardTotal, subtract('100', discount)), '100', 6));
  const deviationPercent =
    compare(standardTotal, '0') === 0 ? '0.00' : divide(multiply(subtract(total, standardTotal), '100'), standardTotal, 2);
  return { parts, labour, travel, standardTotal, total, deviationPercent, needsApproval: needsApproval(discount) };
}

export interface PricedPart {
  id: string;
  partNumber: string;
  name: string;
  /** Today's price-list price. */
  unitPrice: string;
}

export interface QuoteStart {
  lines: { partId?: string; quantity: number }[];
  labourHours: string;
  discountPercent: string;
  /** The parts of those lines, by id, for their prices. */
  parts: Record<string, PricedPart>;
}

/**
 * Where the quote form starts: a quote again starts from the last one (its
 * parts, hours and discount, priced anew by today's list); a first quote
 * from one empty line.
 */
export function quoteStart(
  last: { labourHours: string; discountPercent: string; lines: { quantity: number; part?: PricedPart | null }[] } | null | undefined,
): QuoteStart {
  const known = (last?.lines ?? []).filter((line): line is { quantity: number; part: PricedPart } => line.part != null);
  return {
    lines: known.length ? known.map((line) => ({ partId: line.part.id, quantity: line.quantity })) : [{ quantity: 1 }],
    labourHours: last?.labourHours ?? '0',
    discountPercent: last?.discountPercent ?? '0',
    parts: Object.fromEntries(known.map((line) => [line.part.id, line.part])),
  };
}
