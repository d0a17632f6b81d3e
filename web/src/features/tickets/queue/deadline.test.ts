import { describe, expect, it } from 'vitest';
import { nextDeadline, type DeadlineTicket } from './deadline';

const base: DeadlineTicket = {
  status: 'REPORTED',
  serviceType: null,
  reportedAt: '2026-12-01T00:00:00Z',
  deadlines: { replyDueAt: '2026-12-02T00:00:00Z', repliedAt: null, arrivalDueAt: '2026-12-03T00:00:00Z', arrivedAt: null },
};

describe('nextDeadline', () => {
  it('races the reply until the customer is answered', () => {
    expect(nextDeadline(base)).toEqual({ kind: 'reply', dueAt: '2026-12-02T00:00:00Z', startedAt: base.reportedAt });
  });

  it('then races the arrival on site', () => {
    const accepted = { ...base, status: 'DISPATCHED' as const, deadlines: { ...base.deadlines, repliedAt: '2026-12-01T02:00:00Z' } };
    expect(nextDeadline(accepted)?.kind).toBe('arrival');
    expect(nextDeadline(accepted)?.dueAt).toBe('2026-12-03T00:00:00Z');
  });

  it('has nothing pending once on site, for guidance, or when over', () => {
    const replied = { ...base.deadlines, repliedAt: '2026-12-01T02:00:00Z' };
    expect(nextDeadline({ ...base, status: 'ON_SITE', deadlines: { ...replied, arrivedAt: '2026-12-01T05:00:00Z' } })).toBeNull();
    expect(nextDeadline({ ...base, status: 'ACCEPTED', serviceType: 'OTHER', deadlines: replied })).toBeNull();
    expect(nextDeadline({ ...base, status: 'CANCELLED' })).toBeNull();
    expect(nextDeadline({ ...base, status: 'REPAIRED', deadlines: replied })).toBeNull();
  });
});
