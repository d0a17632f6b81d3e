import { describe, expect, it } from 'vitest';
import { routeCountdown } from './routing';

const RECEIVED = '2026-12-02T08:00:00Z';
const DUE = '2026-12-02T10:00:00Z';
const at = (time: string) => Date.parse(`2026-12-02T${time}:00Z`);

describe('the routing deadline of a complaint', () => {
  it('has none unless it is a quality complaint', () => {
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: null }, at('09:00'))).toBeNull();
  });

  it('counts the two hours down: green, amber in the last hour, red past it', () => {
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: DUE }, at('08:30'))?.urgency).toBe('ok');
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: DUE }, at('09:30'))?.urgency).toBe('soon');
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: DUE }, at('10:05'))).toEqual({ urgency: 'late', leftMs: -300_000 });
  });

  it('stops when quality takes it: in time, or late', () => {
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: DUE, routedAt: '2026-12-02T09:10:00Z' }, at('12:00'))?.urgency).toBe('done');
    expect(routeCountdown({ receivedAt: RECEIVED, routeDueAt: DUE, routedAt: '2026-12-02T10:10:00Z' }, at('12:00'))?.urgency).toBe('late');
  });
});
