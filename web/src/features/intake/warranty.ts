// The warranty answer in one word for the agent: in warranty (by policy),
// covered by a service contract, or out (and why).
export type WarrantyKind = 'warranty' | 'contract' | 'out';

export interface WarrantyAnswer {
  inWarranty: boolean;
  covered: boolean;
  contract?: unknown | null;
}

export function warrantyKind(status: WarrantyAnswer): WarrantyKind {
  if (status.inWarranty) return 'warranty';
  if (status.covered) return 'contract';
  return 'out';
}

/**
 * What covers the unit, or why nothing does, with the date that matters: the
 * API's `explanation` says the same in English only, so the console words it.
 */
export type CoverNote =
  | { kind: 'warranty' | 'contract'; until: string }
  | { kind: 'notStarted'; startsOn: string }
  | { kind: 'expired'; endedOn: string }
  | { kind: 'noInvoice' };

export interface CoverDates extends WarrantyAnswer {
  /** The day asked about (today). */
  on: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

export function coverNote(status: CoverDates): CoverNote {
  const kind = warrantyKind(status);
  if (kind !== 'out' && status.endsOn) return { kind, until: status.endsOn };
  // Without an invoice date the warranty has not begun and has no dates.
  if (!status.startsOn || !status.endsOn) return { kind: 'noInvoice' };
  // ISO dates compare as text.
  if (status.on < status.startsOn) return { kind: 'notStarted', startsOn: status.startsOn };
  return { kind: 'expired', endedOn: status.endsOn };
}
