import { describe, expect, it } from 'vitest';
import { keepReading, MAX_PAGES, partsOf, repairsOf, type RepairTicket } from './drill';

function ticket(id: string, cause: string | null, completedAt: string, parts: number[] = []): RepairTicket {
  return {
    id,
    number: `SR-${id}`,
    status: 'CLOSED',
    reportedAt: completedAt,
    repairedAt: completedAt,
    reworkCount: 0,
    repeatRepair: false,
    unit: null,
    customer: null,
    engineer: null,
    repairRecord: cause
      ? { id: `r${id}`, faultCause: cause, measures: 'x', completedAt, parts: parts.map((quantity) => ({ quantity })) }
      : null,
  };
}

describe('drill-down', () => {
  const q3 = { from: '2026-07-01', to: '2026-10-01' };

  it('keeps the repairs of the cause completed in the quarter, in China time', () => {
    const rows = [
      ticket('1', 'HY-SEAL', '2026-07-01T00:30:00+08:00'),
      ticket('2', 'HY-SEAL', '2026-06-30T23:59:00+08:00'),
      ticket('3', 'EL-WIRE', '2026-08-01T10:00:00Z'),
      ticket('4', 'HY-SEAL', '2026-09-30T15:59:00Z'),
      ticket('5', 'HY-SEAL', '2026-09-30T16:00:00Z'),
      ticket('6', null, '2026-08-01T10:00:00Z'),
    ];
    expect(repairsOf(rows, 'HY-SEAL', q3).map((t) => t.id)).toEqual(['1', '4']);
  });

  it('counts the parts and knows when to stop reading', () => {
    expect(partsOf(ticket('1', 'X', '2026-07-02T00:00:00Z', [2, 3]))).toBe(5);
    expect(keepReading(3, 5, 1, true)).toBe(true);
    expect(keepReading(5, 5, 1, true)).toBe(false);
    expect(keepReading(3, 5, 1, false)).toBe(false);
    expect(keepReading(3, 5, MAX_PAGES, true)).toBe(false);
  });
});
