import { describe, expect, it } from 'vitest';
import { auditHref, auditViewToParams, liveEntries, matches, parseAuditView, recordKey } from './view';

describe('the audit address', () => {
  it('round-trips filters and page', () => {
    const view = parseAuditView(new URLSearchParams('entityType=user&entityId=42&after=abc'));
    expect(view).toEqual({ entityType: 'user', entityId: '42', after: 'abc' });
    expect(auditViewToParams(view).toString()).toBe('entityType=user&entityId=42&after=abc');
  });

  it('links to a record', () => {
    expect(auditHref('part', '7')).toBe('/admin/audit?entityType=part&entityId=7');
  });
});

describe('which entries belong', () => {
  const entry = { id: '1', entityType: 'user', entityId: '42' };
  it('matches type and id when given', () => {
    expect(matches(entry, { entityType: '', entityId: '' })).toBe(true);
    expect(matches(entry, { entityType: 'user', entityId: '42' })).toBe(true);
    expect(matches(entry, { entityType: 'part', entityId: '' })).toBe(false);
    expect(matches(entry, { entityType: 'user', entityId: '7' })).toBe(false);
  });

  it('lists live entries newest first, once, without those on the page', () => {
    const arrived = [
      { id: '5', entityType: 'user' },
      { id: '6', entityType: 'user' },
      { id: '6', entityType: 'user' },
      { id: '7', entityType: 'user' },
    ];
    expect(liveEntries(arrived, [{ id: '5', entityType: 'user' }]).map((e) => e.id)).toEqual(['7', '6']);
  });
});

describe('recordKey', () => {
  it('finds the recorded id inside an opaque one', () => {
    expect(recordKey(btoa('User:42').replace(/=+$/, ''))).toBe('42');
    expect(recordKey(btoa('ProductModel:7').replace(/=+$/, ''))).toBe('7');
  });

  it('takes a plain id as it is', () => {
    expect(recordKey('42')).toBe('42');
    expect(recordKey(' 42 ')).toBe('42');
    expect(recordKey('abc')).toBe('abc');
  });
});
