import { describe, expect, it } from 'vitest';
import { isAboutLot, lotSteps, parseListView } from './view';

describe('list view', () => {
  it('reads known states only', () => {
    expect(parseListView(new URLSearchParams('status=SOLD&province=江苏&after=abc'))).toEqual({
      status: 'SOLD',
      province: '江苏',
      after: 'abc',
    });
    expect(parseListView(new URLSearchParams('status=NOPE'))).toEqual({ status: undefined, province: undefined, after: undefined });
  });
});

describe('lot steps', () => {
  it('offers the approval to the lot’s approvers while it waits', () => {
    const lot = { status: 'PENDING_APPROVAL' as const, approvers: ['GENERAL_MANAGER' as const] };
    expect(lotSteps(lot, ['GENERAL_MANAGER'])).toEqual({ approve: true, cancel: true, proceeds: false });
    expect(lotSteps(lot, ['SERVICE_MANAGER'])).toEqual({ approve: false, cancel: true, proceeds: false });
  });

  it('offers finance the proceeds of an approved lot, nothing of a sold one', () => {
    expect(lotSteps({ status: 'APPROVED', approvers: [] }, ['FINANCE']).proceeds).toBe(true);
    expect(lotSteps({ status: 'SOLD', approvers: [] }, ['FINANCE', 'SERVICE_MANAGER'])).toEqual({
      approve: false,
      cancel: false,
      proceeds: false,
    });
  });
});

describe('audit entries', () => {
  const id = btoa('LocalSale:17').replace(/=+$/, '');
  it('are about a lot when they name its key', () => {
    expect(isAboutLot({ entityType: 'local_sale', entityId: '17' }, id)).toBe(true);
    expect(isAboutLot({ entityType: 'local_sale', entityId: '171' }, id)).toBe(false);
    expect(isAboutLot({ entityType: 'old_part', entityId: '17' }, id)).toBe(false);
    expect(isAboutLot({ entityType: 'local_sale', entityId: null }, id)).toBe(false);
    expect(isAboutLot({ entityType: 'local_sale', entityId: '17' }, '%%%')).toBe(false);
  });
});
