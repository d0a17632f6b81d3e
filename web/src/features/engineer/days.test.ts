import { describe, expect, it } from 'vitest';
import { groupByDay, plannedAt, shanghaiDay } from './days';

interface Job {
  n: string;
  due: string | null;
}
const due = (job: Job) => job.due;

describe('shanghaiDay', () => {
  it('counts the day in China, not in UTC', () => {
    expect(shanghaiDay(Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDay(Date.parse('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
  });
});

describe('groupByDay', () => {
  // 09:00 in Shanghai on 2 December.
  const now = Date.parse('2026-12-02T01:00:00Z');

  it('puts what is due by midnight in Shanghai under today, the rest under next', () => {
    const jobs: Job[] = [
      { n: 'tomorrow', due: '2026-12-02T16:30:00Z' }, // 00:30 on the 3rd
      { n: 'tonight', due: '2026-12-02T15:30:00Z' }, // 23:30 on the 2nd
      { n: 'noon', due: '2026-12-02T04:00:00Z' },
    ];
    const groups = groupByDay(jobs, due, now);
    expect(groups.today.map((j) => j.n)).toEqual(['noon', 'tonight']);
    expect(groups.next.map((j) => j.n)).toEqual(['tomorrow']);
  });

  it('keeps late jobs and jobs already on site in today, on site first', () => {
    const jobs: Job[] = [
      { n: 'late', due: '2026-11-30T08:00:00Z' },
      { n: 'there', due: null },
    ];
    expect(groupByDay(jobs, due, now).today.map((j) => j.n)).toEqual(['there', 'late']);
  });

  it('is empty for no jobs', () => {
    expect(groupByDay([], due, now)).toEqual({ today: [], next: [] });
  });
});

describe('plannedAt', () => {
  const deadlines = { arrivedAt: null, arrivalDueAt: '2026-12-03T02:30:00Z' };

  it('is the appointment when one was agreed, though the deadline is a day later', () => {
    expect(plannedAt({ appointmentAt: '2026-12-02T03:00:00Z', deadlines })).toBe('2026-12-02T03:00:00Z');
  });

  it('is the on-site deadline without an appointment', () => {
    expect(plannedAt({ appointmentAt: null, deadlines })).toBe('2026-12-03T02:30:00Z');
  });

  it('is nothing once the engineer is on site', () => {
    expect(plannedAt({ appointmentAt: '2026-12-02T03:00:00Z', deadlines: { ...deadlines, arrivedAt: '2026-12-02T02:50:00Z' } })).toBeNull();
  });
});
