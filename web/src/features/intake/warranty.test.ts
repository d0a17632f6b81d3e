import { describe, expect, it } from 'vitest';
import { coverNote, warrantyKind } from './warranty';

describe('warrantyKind', () => {
  it('says in warranty, under contract or out', () => {
    expect(warrantyKind({ inWarranty: true, covered: true })).toBe('warranty');
    expect(warrantyKind({ inWarranty: false, covered: true, contract: {} })).toBe('contract');
    expect(warrantyKind({ inWarranty: false, covered: false })).toBe('out');
  });
});

describe('coverNote', () => {
  const on = '2026-12-01';
  it('gives the last day of the cover', () => {
    expect(coverNote({ on, inWarranty: true, covered: true, startsOn: '2025-06-01', endsOn: '2027-05-31' })).toEqual({
      kind: 'warranty',
      until: '2027-05-31',
    });
    expect(coverNote({ on, inWarranty: false, covered: true, contract: {}, startsOn: '2026-01-01', endsOn: '2026-12-31' })).toEqual({
      kind: 'contract',
      until: '2026-12-31',
    });
  });

  it('says why nothing covers the unit', () => {
    expect(coverNote({ on, inWarranty: false, covered: false, startsOn: '2023-01-01', endsOn: '2024-12-31' })).toEqual({
      kind: 'expired',
      endedOn: '2024-12-31',
    });
    expect(coverNote({ on, inWarranty: false, covered: false, startsOn: '2026-12-15', endsOn: '2028-12-14' })).toEqual({
      kind: 'notStarted',
      startsOn: '2026-12-15',
    });
    expect(coverNote({ on, inWarranty: false, covered: false, startsOn: null, endsOn: null })).toEqual({ kind: 'noInvoice' });
  });
});
