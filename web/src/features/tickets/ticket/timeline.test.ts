import { describe, expect, it } from 'vitest';
import { chronological, eventKind, eventWords } from './timeline';

describe('eventKind', () => {
  it('names the report that created the ticket', () => {
    expect(eventKind(null, 'REPORTED')).toBe('REPORTED');
  });

  it('tells steps to the same state apart by where they came from', () => {
    expect(eventKind('ACCEPTED', 'DISPATCHED')).toBe('DISPATCHED');
    expect(eventKind('QUOTE_APPROVED', 'DISPATCHED')).toBe('DISPATCHED');
    expect(eventKind('DISPATCHED', 'DISPATCHED')).toBe('REDISPATCHED');
    expect(eventKind('VISITED', 'DISPATCHED')).toBe('REWORK');
    expect(eventKind('REPAIRED', 'DISPATCHED')).toBe('REWORK');
    expect(eventKind('ACCEPTED', 'CUSTOMER_ACCEPTED')).toBe('RESOLVED_BY_GUIDANCE');
    expect(eventKind('REPAIRED', 'CUSTOMER_ACCEPTED')).toBe('SIGNED_OFF');
    expect(eventKind('ACCEPTED', 'QUOTED')).toBe('QUOTED');
    expect(eventKind('QUOTED', 'QUOTED')).toBe('REQUOTED');
    expect(eventKind('RETURNED_TO_FACTORY', 'REPAIRED')).toBe('REPAIRED_AT_FACTORY');
  });

  it('names every other step', () => {
    expect(eventKind('REPORTED', 'ACCEPTED')).toBe('TRIAGED');
    expect(eventKind('QUOTED', 'QUOTE_APPROVED')).toBe('QUOTE_ACCEPTED');
    expect(eventKind('DISPATCHED', 'ON_SITE')).toBe('ARRIVED');
    expect(eventKind('ON_SITE', 'REPAIRED')).toBe('REPAIRED');
    expect(eventKind('CUSTOMER_ACCEPTED', 'VISITED')).toBe('VISITED');
    expect(eventKind('VISITED', 'CLOSED')).toBe('CLOSED');
    expect(eventKind('ON_SITE', 'RETURNED_TO_FACTORY')).toBe('RETURNED_TO_FACTORY');
    expect(eventKind('DISPATCHED', 'CANCELLED')).toBe('CANCELLED');
  });
});

describe('eventWords', () => {
  it('speaks both languages', () => {
    expect(eventWords('VISITED', 'DISPATCHED', 'zh')).toBe('再次维修');
    expect(eventWords('REPORTED', 'ACCEPTED', 'en')).toBe('Triaged (entitlement decided)');
  });
});

describe('chronological', () => {
  it('puts the oldest first and keeps the server order for equal times', () => {
    const events = [
      { at: '2026-12-01T10:00:00Z', id: 'b' },
      { at: '2026-12-01T09:00:00Z', id: 'a' },
      { at: '2026-12-01T10:00:00Z', id: 'c' },
    ];
    expect(chronological(events).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});
