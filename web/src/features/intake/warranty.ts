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
