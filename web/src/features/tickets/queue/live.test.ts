import { describe, expect, it } from 'vitest';
import { applyChanges, matchesView, newSince, type LiveTicket } from './live';
import { DEFAULT_VIEW } from './view';

const t = (id: string, version: number, extra: Partial<LiveTicket> = {}): LiveTicket => ({
  id,
  version,
  status: 'REPORTED',
  reportedAt: '2026-12-01T00:00:00Z',
  deadlines: { overdue: false },
  customer: { province: '江苏' },
  engineer: null,
  ...extra,
});

describe('applyChanges', () => {
  it('replaces a changed ticket in place when newer', () => {
    const page = [t('a', 1), t('b', 1), t('c', 1)];
    const b2 = t('b', 2, { status: 'ACCEPTED' });
    const merged = applyChanges(page, new Map([['b', b2]]));
    expect(merged.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(merged[1]).toBe(b2);
    expect(merged[0]).toBe(page[0]);
  });

  it('keeps the page (same array) when the change is older or elsewhere', () => {
    const page = [t('a', 3)];
    expect(applyChanges(page, new Map([['a', t('a', 2)], ['z', t('z', 9)]]))).toBe(page);
  });
});

describe('matchesView', () => {
  it('checks states, overdue, region, engineer and mine', () => {
    const ticket = t('a', 1, { status: 'DISPATCHED', engineer: { id: 'u7' } });
    expect(matchesView(ticket, DEFAULT_VIEW, undefined)).toBe(true);
    expect(matchesView(ticket, { ...DEFAULT_VIEW, states: ['REPORTED'] }, undefined)).toBe(false);
    expect(matchesView(ticket, { ...DEFAULT_VIEW, overdue: true }, undefined)).toBe(false);
    expect(matchesView(ticket, { ...DEFAULT_VIEW, region: '浙江' }, undefined)).toBe(false);
    expect(matchesView(ticket, { ...DEFAULT_VIEW, engineerId: 'u7' }, undefined)).toBe(true);
    expect(matchesView(ticket, { ...DEFAULT_VIEW, mine: true }, 'u8')).toBe(false);
  });
});

describe('newSince', () => {
  const loadedAt = Date.parse('2026-12-01T10:00:00Z');
  const fresh = t('n', 1, { reportedAt: '2026-12-01T10:05:00Z' });
  const old = t('o', 4, { reportedAt: '2026-11-01T00:00:00Z' });

  it('counts reports since the load that match and are not shown', () => {
    const changes = new Map([['n', fresh], ['o', old]]);
    expect(newSince(changes, [], DEFAULT_VIEW, loadedAt, undefined)).toEqual([fresh]);
    expect(newSince(changes, [fresh], DEFAULT_VIEW, loadedAt, undefined)).toEqual([]);
    expect(newSince(changes, [], { ...DEFAULT_VIEW, region: '浙江' }, loadedAt, undefined)).toEqual([]);
  });

  it('says nothing away from the first page', () => {
    expect(newSince(new Map([['n', fresh]]), [], { ...DEFAULT_VIEW, after: 'c' }, loadedAt, undefined)).toEqual([]);
  });
});
