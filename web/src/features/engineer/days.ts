// Which of the engineer's jobs are today's work and which come next. The
// field works on China time whatever the phone's zone is set to: a job planned
// for today in Asia/Shanghai — by the appointment agreed with the customer,
// else by the on-site deadline — is today's (so is one already late, or
// already on site); the rest come next. Pure: the caller passes the clock.

/** China has kept UTC+8 all year since 1991: a fixed offset, no zone database needed. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day (`YYYY-MM-DD`) in Asia/Shanghai at an instant. */
export function shanghaiDay(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export interface DayGroups<T> {
  today: T[];
  next: T[];
}

/**
 * Splits jobs into today's and the next days', each soonest deadline first.
 * `dueAt` is the on-site deadline, or null when the deadline no longer
 * matters (the engineer is already there): that job is today's.
 */
export function groupByDay<T>(jobs: readonly T[], dueAt: (job: T) => string | null, now: number): DayGroups<T> {
  const today = shanghaiDay(now);
  const keyed = jobs.map((job) => {
    const due = dueAt(job);
    return { job, at: due === null ? -Infinity : Date.parse(due), day: due === null ? today : shanghaiDay(Date.parse(due)) };
  });
  keyed.sort((a, b) => a.at - b.at);
  return {
    today: keyed.filter((k) => k.day <= today).map((k) => k.job),
    next: keyed.filter((k) => k.day > today).map((k) => k.job),
  };
}

/** When a job is planned: null once the engineer is there, else the appointment, else the on-site deadline. */
export function plannedAt(job: {
  appointmentAt?: string | null;
  deadlines: { arrivedAt?: string | null; arrivalDueAt: string };
}): string | null {
  if (job.deadlines.arrivedAt) return null;
  return job.appointmentAt ?? job.deadlines.arrivalDueAt;
}
