// How near a deadline is, for a countdown that turns amber as it nears and
// red once it has passed. Pure: the caller passes the clock.

export type Urgency = 'done' | 'ok' | 'soon' | 'late';

/** Amber from this share of the time allowed left (or this little time, whichever is more). */
const AMBER_SHARE = 0.25;
const AMBER_AT_LEAST_MS = 60 * 60 * 1000;

export interface Countdown {
  urgency: Urgency;
  /** Milliseconds left; negative once past. */
  leftMs: number;
}

/**
 * Where a deadline stands at `now`. `startedAt` is when the time allowed
 * began (the report), so a short deadline turns amber sooner than a long one;
 * `metAt` is when it was met (then the countdown stops: `done`, or `late` if
 * it was met after the deadline).
 */
export function countdown(dueAt: string, now: number, startedAt?: string, metAt?: string | null): Countdown {
  const due = Date.parse(dueAt);
  if (metAt) {
    const met = Date.parse(metAt);
    return { urgency: met > due ? 'late' : 'done', leftMs: due - met };
  }
  const leftMs = due - now;
  if (leftMs < 0) return { urgency: 'late', leftMs };
  const allowed = startedAt ? due - Date.parse(startedAt) : Infinity;
  const amberFrom = Math.max(AMBER_AT_LEAST_MS, Number.isFinite(allowed) ? allowed * AMBER_SHARE : 0);
  return { urgency: leftMs <= amberFrom ? 'soon' : 'ok', leftMs };
}

/** `2 d 3 h`, `3 h 5 min`, `12 min` (or the same past: prefixed by the caller). */
export function formatDuration(ms: number, locale: 'zh' | 'en'): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const [d, h, m] = locale === 'zh' ? ['天', '小时', '分'] : [' d', ' h', ' min'];
  if (days > 0) return `${days}${d} ${hours}${h}`;
  if (hours > 0) return `${hours}${h} ${mins}${m}`;
  return `${mins}${m}`;
}

/** The colour of an urgency (Ant Design's palette). */
export const URGENCY_COLOR: Record<Urgency, string> = {
  done: 'default',
  ok: 'green',
  soon: 'orange',
  late: 'red',
};
