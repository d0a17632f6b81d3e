import { describe, expect, it } from 'vitest';
import { ofUnit, openTicket, recentRepairs, replacedParts, type HistoryTicket } from './history';

const now = Date.parse('2026-12-01T12:00:00Z');
const daysBefore = (days: number) => new Date(now - days * 86_400_000).toISOString();

const ticket = (id: string, extra: Partial<HistoryTicket> = {}): HistoryTicket => ({
  id,
  status: 'CLOSED',
  reportedAt: daysBefore(200),
  faultCategory: 'HYDRAULIC',
  unit: { serialNumber: 'XCMG-QY25K-0001' },
  ...extra,
});

describe('unit history', () => {
  it('keeps only the unit itself, not others sharing the prefix', () => {
    const mine = ticket('a');
    const other = ticket('b', { unit: { serialNumber: 'XCMG-QY25K-00010' } });
    expect(ofUnit([mine, other], 'xcmg-qy25k-0001')).toEqual([mine]);
  });

  it('flags a ticket still open on the unit', () => {
    expect(openTicket([ticket('a'), ticket('b', { status: 'CANCELLED' })])).toBeNull();
    const open = ticket('c', { status: 'DISPATCHED' });
    expect(openTicket([open, ticket('a')])).toBe(open);
  });

  it('warns of repairs within 90 days, same category first named', () => {
    const recent = ticket('r', { repairedAt: daysBefore(30) });
    const edge = ticket('e', { repairedAt: daysBefore(90.5), faultCategory: 'ENGINE' });
    const old = ticket('o', { repairedAt: daysBefore(91) });
    const viaRecord = ticket('v', { repairRecord: { completedAt: daysBefore(10) }, faultCategory: 'ENGINE' });
    const repairs = recentRepairs([recent, edge, old, viaRecord], now, 'HYDRAULIC');
    expect(repairs.map((r) => [r.ticket.id, r.daysAgo, r.sameCategory])).toEqual([
      ['v', 10, false],
      ['r', 30, true],
      ['e', 90, false],
    ]);
  });

  it('has no repeat without repairs', () => {
    expect(recentRepairs([ticket('a', { status: 'REPORTED' })], now)).toEqual([]);
  });
});

describe('replacedParts', () => {
  const parts = [
    { partId: 'p1', quantity: 2, part: { name: '主泵密封件' } },
    { partId: 'p2', quantity: 1, part: { name: 'Filter' } },
  ];

  it('names the parts with their quantities, listed as the language lists', () => {
    expect(replacedParts(parts, 'zh')).toBe('主泵密封件 × 2、Filter × 1');
    expect(replacedParts(parts, 'en')).toBe('主泵密封件 × 2, Filter × 1');
  });

  it('falls back to the id of a part no longer known', () => {
    expect(replacedParts([{ partId: 'p9', quantity: 3, part: null }], 'en')).toBe('p9 × 3');
  });
});
