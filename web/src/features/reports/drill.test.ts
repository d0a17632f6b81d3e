import { describe, expect, it } from 'vitest';
import { partLines, partsOf, withPage, type Repair } from './drill';

function repair(id: string, parts: [string | null, number][] = []): Repair {
  return {
    id,
    completedAt: '2026-10-28T01:59:20Z',
    measures: 'x',
    parts: parts.map(([number, quantity]) => ({
      quantity,
      part: number ? { id: `p${number}`, partNumber: number, name: `Part ${number}` } : null,
    })),
    ticket: { id: `t${id}`, number: `SR-${id}`, repeatRepair: false, unit: null, customer: null, engineer: null },
  };
}

describe('drill-down', () => {
  it('counts and names the parts replaced', () => {
    const r = repair('1', [
      ['HY-SEAL-04', 2],
      [null, 3],
    ]);
    expect(partsOf(r)).toBe(5);
    expect(partLines(r)).toEqual(['HY-SEAL-04 Part HY-SEAL-04 ×2', '– ×3']);
    expect(partsOf(repair('2'))).toBe(0);
    expect(partLines(repair('2'))).toEqual([]);
  });

  it('replaces the rows with a first page and adds a further one without repeats', () => {
    const a = [repair('1'), repair('2')];
    expect(withPage([repair('9')], a, true).map((r) => r.id)).toEqual(['1', '2']);
    expect(withPage(a, [repair('2'), repair('3')], false).map((r) => r.id)).toEqual(['1', '2', '3']);
  });
});
