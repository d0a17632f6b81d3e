import { describe, expect, it } from 'vitest';
import { warrantyKind } from './warranty';

describe('warrantyKind', () => {
  it('says in warranty, under contract or out', () => {
    expect(warrantyKind({ inWarranty: true, covered: true })).toBe('warranty');
    expect(warrantyKind({ inWarranty: false, covered: true, contract: {} })).toBe('contract');
    expect(warrantyKind({ inWarranty: false, covered: false })).toBe('out');
  });
});
