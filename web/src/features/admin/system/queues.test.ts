import { describe, expect, it } from 'vitest';
import { compactArgs, humanize, isAlarming, isAlive, orderStats, statusColor } from './queues';

describe('queue figures', () => {
  it('puts known figures first in their order, the rest after', () => {
    const ordered = orderStats([
      { name: 'SUCCESS_RATE', value: '1' },
      { name: 'DONE_JOBS', value: '5' },
      { name: 'PENDING_JOBS', value: '2' },
      { name: 'KILLED_JOBS', value: '0' },
    ]);
    expect(ordered.map((s) => s.name)).toEqual(['PENDING_JOBS', 'DONE_JOBS', 'KILLED_JOBS', 'SUCCESS_RATE']);
  });

  it('names unknown figures readably', () => {
    expect(humanize('AVG_JOBS_PER_MINUTE')).toBe('Avg jobs per minute');
  });

  it('draws the eye to failed and dead jobs only when there are some', () => {
    expect(isAlarming({ name: 'FAILED_JOBS', value: '3' })).toBe(true);
    expect(isAlarming({ name: 'KILLED_JOBS', value: '0' })).toBe(false);
    expect(isAlarming({ name: 'PENDING_JOBS', value: '9' })).toBe(false);
  });
});

describe('jobs', () => {
  it('colours statuses', () => {
    expect(statusColor('Killed')).toBe('error');
    expect(statusColor('Pending')).toBe('default');
  });

  it('compacts JSON arguments and leaves other text alone', () => {
    expect(compactArgs('{\n  "notification_id": 4\n}')).toBe('{"notification_id":4}');
    expect(compactArgs('not json')).toBe('not json');
  });

  it('knows a worker is alive by its heartbeat', () => {
    const now = Date.parse('2026-12-02T06:00:00Z');
    expect(isAlive('2026-12-02T05:59:30Z', now)).toBe(true);
    expect(isAlive('2026-12-02T05:50:00Z', now)).toBe(false);
    expect(isAlive(null, now)).toBe(false);
  });
});
