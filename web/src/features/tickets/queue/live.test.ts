import { describe, expect, it } from 'vitest';
import { applyChanges, isMine, matchesView, newSince, reporterOf, type LiveTicket } from './live';
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
    expect(matchesView(ticket, { ...DEFAULT_VIEW, mine: true }, 'u7')).toBe(true);
  });
});

describe('mine', () => {
  const reported = t('r', 1, { events: [{ fromStatus: null, actorId: 'agent' }] });
  const dispatched = t('d', 3, {
    engineer: { id: 'eng' },
    events: [
      { fromStatus: null, actorId: 'agent' },
      { fromStatus: 'REPORTED', actorId: 'manager' },
      { fromStatus: 'ACCEPTED', actorId: 'manager' },
    ],
  });

  it('knows the reporter by the first step', () => {
    expect(reporterOf(reported)).toBe('agent');
    expect(reporterOf(t('x', 1))).toBeNull();
  });

  it("is an engineer's job or the desk's own report", () => {
    expect(isMine(reported, 'agent')).toBe(true);
    expect(isMine(dispatched, 'agent')).toBe(true);
    expect(isMine(dispatched, 'eng')).toBe(true);
    expect(isMine(dispatched, 'manager')).toBe(false);
    expect(isMine(reported, undefined)).toBe(false);
  });

  it("counts the desk's own new report in a 'mine' view", () => {
    const loadedAt = Date.parse('2026-11-30T00:00:00Z');
    const view = { ...DEFAULT_VIEW, mine: true };
    expect(newSince(new Map([['r', reported]]), [], view, loadedAt, 'agent')).toEqual([reported]);
    expect(newSince(new Map([['r', reported]]), [], view, loadedAt, 'other')).toEqual([]);
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
