import { describe, expect, it } from 'vitest';
import { contactOf, dissatisfied, recordInput, standing, telHref, visitCountdown } from './visit';

const NOW = Date.parse('2026-12-02T08:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

describe('a visit against its deadline', () => {
  it('is overdue past it, due within 24 h of it, later before that', () => {
    expect(standing({ dueAt: at(NOW - 1) }, NOW)).toBe('overdue');
    expect(standing({ dueAt: at(NOW + 24 * HOUR) }, NOW)).toBe('due');
    expect(standing({ dueAt: at(NOW + 24 * HOUR + 1) }, NOW)).toBe('later');
    expect(standing({ dueAt: at(NOW - HOUR), visitedAt: at(NOW) }, NOW)).toBe('done');
  });

  it('counts down green, amber once due, red past it; a made one stops', () => {
    expect(visitCountdown({ dueAt: at(NOW + 30 * HOUR) }, NOW).urgency).toBe('ok');
    expect(visitCountdown({ dueAt: at(NOW + 23 * HOUR) }, NOW).urgency).toBe('soon');
    expect(visitCountdown({ dueAt: at(NOW - HOUR) }, NOW)).toEqual({ urgency: 'late', leftMs: -HOUR });
    expect(visitCountdown({ dueAt: at(NOW), visitedAt: at(NOW - HOUR) }, NOW + 9 * HOUR).urgency).toBe('done');
    expect(visitCountdown({ dueAt: at(NOW), visitedAt: at(NOW + HOUR) }, NOW + 9 * HOUR).urgency).toBe('late');
  });
});

describe('a dissatisfied visit', () => {
  it('is a score of 2 or less, or a problem not solved', () => {
    expect(dissatisfied(2, true)).toBe(true);
    expect(dissatisfied(1, true)).toBe(true);
    expect(dissatisfied(3, true)).toBe(false);
    expect(dissatisfied(5, false)).toBe(true);
    expect(dissatisfied(undefined, undefined)).toBe(false);
  });

  it('files the complaint with the visit', () => {
    const input = recordInput(
      { id: 'T1', version: 7 },
      {
        channel: 'PHONE',
        satisfaction: 2,
        solved: true,
        comments: '  ',
        followUp: 'complaint',
        category: 'QUALITY',
        severity: 'MAJOR',
        description: ' 漏油依旧 ',
      },
    );
    expect(input).toEqual({
      ticket: { id: 'T1', version: 7 },
      channel: 'PHONE',
      satisfaction: 2,
      solved: true,
      comments: null,
      followUp: { complaint: { category: 'QUALITY', severity: 'MAJOR', description: '漏油依旧' } },
    });
  });

  it('or sends the ticket to rework, to the engineer chosen or the same one', () => {
    const input = recordInput({ id: 'T1', version: 7 }, { satisfaction: 4, solved: false, followUp: 'rework', reason: '仍漏油' });
    expect(input.followUp).toEqual({ rework: { reason: '仍漏油', engineerId: null } });
  });

  it('a satisfied visit sends no follow-up, whatever the dialog still holds', () => {
    const input = recordInput({ id: 'T1', version: 7 }, { satisfaction: 5, solved: true, followUp: 'rework', reason: 'x' });
    expect(input.followUp).toBeNull();
  });
});

describe('who to call', () => {
  it('is the ticket contact when it has a phone, else the customer', () => {
    expect(
      contactOf({ ticket: { contactName: '王工', contactPhone: '139 0000 1111' }, customer: { contactName: '李总', phone: '021-1' } }),
    ).toEqual({ name: '王工', phone: '139 0000 1111' });
    expect(contactOf({ ticket: { contactName: null, contactPhone: null }, customer: { contactName: '李总', phone: '021-1' } })).toEqual({
      name: '李总',
      phone: '021-1',
    });
    expect(contactOf({ ticket: null, customer: null })).toEqual({ name: null, phone: null });
  });

  it('dials the digits', () => {
    expect(telHref('+86 139-0000 1111')).toBe('tel:+8613900001111');
  });
});
