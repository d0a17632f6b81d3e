import { describe, expect, it } from 'vitest';
import { countLines, signed, summarise } from './stocktake';

describe('a count', () => {
  const rows = [
    { partId: 'a', onHand: 10 },
    { partId: 'b', onHand: 4 },
    { partId: 'c', onHand: 0 },
  ];

  it('sends only the parts counted, a count of zero included, each with counted minus book', () => {
    const lines = countLines(rows, { a: 8, b: null, c: 0 });
    expect(lines).toEqual([
      { partId: 'a', book: 10, counted: 8, difference: -2 },
      { partId: 'c', book: 0, counted: 0, difference: 0 },
    ]);
  });

  it('sums what was found over and short of the book', () => {
    const lines = countLines(rows, { a: 12, b: 1, c: 0 });
    expect(summarise(lines)).toEqual({ counted: 3, differing: 2, over: 2, short: 3 });
  });

  it('signs a difference the way the ledger shows it', () => {
    expect([signed(3), signed(-2), signed(0)]).toEqual(['+3', '−2', '0']);
  });
});
