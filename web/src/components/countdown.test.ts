import { describe, expect, it } from 'vitest';
import { countdown, formatDuration } from './countdown';

const HOUR = 3_600_000;
const reported = '2026-12-01T00:00:00Z';
const due24h = '2026-12-02T00:00:00Z';
const at = (hours: number) => Date.parse(reported) + hours * HOUR;

describe('countdown', () => {
  it('is green with most of the time left', () => {
    expect(countdown(due24h, at(1), reported)).toEqual({ urgency: 'ok', leftMs: 23 * HOUR });
  });

  it('turns amber in the last quarter of the time allowed', () => {
    expect(countdown(due24h, at(17.9), reported).urgency).toBe('ok');
    expect(countdown(due24h, at(18), reported).urgency).toBe('soon');
  });

  it('turns amber in the last hour even for a short deadline', () => {
    const due2h = '2026-12-01T02:00:00Z';
    expect(countdown(due2h, at(1.1), reported).urgency).toBe('soon');
    expect(countdown(due2h, at(0.9), reported).urgency).toBe('ok');
  });

  it('is red once past', () => {
    expect(countdown(due24h, at(25), reported)).toEqual({ urgency: 'late', leftMs: -1 * HOUR });
  });

  it('stops when met: done in time, late after', () => {
    expect(countdown(due24h, at(30), reported, '2026-12-01T10:00:00Z').urgency).toBe('done');
    expect(countdown(due24h, at(30), reported, '2026-12-02T01:00:00Z').urgency).toBe('late');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR + 5 * 60_000, 'en')).toBe('2 d 3 h');
    expect(formatDuration(3 * HOUR + 5 * 60_000, 'zh')).toBe('3小时 5分');
    expect(formatDuration(-12 * 60_000, 'en')).toBe('12 min');
  });
});
