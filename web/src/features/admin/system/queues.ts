// The job queues' figures as the backend names them, put in a fixed order
// with words for the known ones; the rest (rates, backend extras) follow as
// they came.

export type KnownStat = 'PENDING_JOBS' | 'RUNNING_JOBS' | 'DONE_JOBS' | 'FAILED_JOBS' | 'KILLED_JOBS' | 'DEAD_JOBS';

const ORDER: readonly KnownStat[] = ['PENDING_JOBS', 'RUNNING_JOBS', 'DONE_JOBS', 'FAILED_JOBS', 'KILLED_JOBS', 'DEAD_JOBS'];

export interface Stat {
  name: string;
  value: string;
}

export function isKnown(name: string): name is KnownStat {
  return (ORDER as readonly string[]).includes(name);
}

/** Known figures in the order pending → dead, then the others as sent. */
export function orderStats(stats: readonly Stat[]): Stat[] {
  const known = ORDER.flatMap((name) => stats.filter((stat) => stat.name === name));
  return [...known, ...stats.filter((stat) => !isKnown(stat.name))];
}

/** `SUCCESS_RATE` → `Success rate`: a readable name for a figure with no words of its own. */
export function humanize(name: string): string {
  const words = name.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A figure that should draw the eye: failed or dead jobs waiting. */
export function isAlarming(stat: Stat): boolean {
  return ['FAILED_JOBS', 'KILLED_JOBS', 'DEAD_JOBS'].includes(stat.name) && Number(stat.value) > 0;
}

export type JobStatus = 'Pending' | 'Running' | 'Done' | 'Failed' | 'Killed';

/** The tag colour of a job's status. */
export function statusColor(status: string): string {
  switch (status) {
    case 'Running':
      return 'processing';
    case 'Done':
      return 'success';
    case 'Failed':
      return 'warning';
    case 'Killed':
      return 'error';
    default:
      return 'default';
  }
}

/** A job's arguments on one line: the JSON compacted, or the text as it is. */
export function compactArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args));
  } catch {
    return args;
  }
}

/** Whether a worker has been heard from within `withinMs` of `now`. */
export function isAlive(lastHeartbeat: string | null | undefined, now: number, withinMs = 60_000): boolean {
  if (!lastHeartbeat) return false;
  return now - Date.parse(lastHeartbeat) <= withinMs;
}
