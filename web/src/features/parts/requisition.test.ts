import { describe, expect, it } from 'vitest';
import { canCover, lineStock, outstanding, parseRequisitionView, requisitionViewToParams, stepsFor } from './requisition';

const line = (partId: string, requested: number, issued = 0, returned = 0) => ({
  quantityRequested: requested,
  quantityIssued: issued,
  quantityReturned: returned,
  part: { id: partId },
});

describe('a requisition against the shelf', () => {
  const onHand = new Map([
    ['seal', 5],
    ['pump', 1],
  ]);

  it('names how many each line is short, a part never stocked being short by all it asks', () => {
    expect(lineStock(line('seal', 3), onHand)).toEqual({ requested: 3, available: 5, short: 0 });
    expect(lineStock(line('pump', 2), onHand)).toEqual({ requested: 2, available: 1, short: 1 });
    expect(lineStock(line('valve', 2), onHand)).toEqual({ requested: 2, available: null, short: 2 });
  });

  it('can be issued only when every line is covered', () => {
    expect(canCover([line('seal', 5), line('pump', 1)], onHand)).toBe(true);
    expect(canCover([line('seal', 5), line('pump', 2)], onHand)).toBe(false);
  });

  it('takes back at most what was issued and is not back yet', () => {
    expect(outstanding(line('seal', 3, 3, 1))).toBe(2);
    expect(outstanding(line('seal', 3, 0, 0))).toBe(0);
  });
});

describe('steps on a requisition', () => {
  it('are approval for the service manager and issue and leftovers for the keeper', () => {
    expect(stepsFor('REQUESTED', ['SERVICE_MANAGER'])).toEqual(['approve', 'reject']);
    expect(stepsFor('REQUESTED', ['WAREHOUSE'])).toEqual([]);
    expect(stepsFor('APPROVED', ['WAREHOUSE'])).toEqual(['issue']);
    expect(stepsFor('APPROVED', ['SERVICE_MANAGER'])).toEqual([]);
    expect(stepsFor('ISSUED', ['WAREHOUSE'])).toEqual(['returnLeftovers']);
    expect(stepsFor('CLOSED', ['ADMIN'])).toEqual([]);
    expect(stepsFor('REQUESTED', ['ADMIN'])).toEqual(['approve', 'reject']);
  });
});

describe('the requisitions view', () => {
  it('opens on those waiting to be issued and keeps its choices in the URL', () => {
    expect(parseRequisitionView(new URLSearchParams()).tab).toBe('APPROVED');
    const view = { tab: 'ALL' as const, warehouseId: 'w', after: 'c1', open: 'r1' };
    expect(parseRequisitionView(requisitionViewToParams(view))).toEqual(view);
    expect(parseRequisitionView(new URLSearchParams('status=BOGUS')).tab).toBe('APPROVED');
  });
});
