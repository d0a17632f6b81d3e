// Steps the engineer takes without a connection (arrive, repair, sign-off)
// wait in an outbox and go out in the order they were taken once the phone is
// back online. Each step is sent at the version the previous one produced, so
// a chain of offline steps on one job lands as it was taken; the first that is
// refused (someone else changed the job, a rule broken) stops that job's
// queue, and the engineer decides. Pure: storage and sending are passed in.
import type { JobFieldsFragment } from '../../gql/graphql';
import type { Problem } from '../../components/errors';

export type Job = JobFieldsFragment;

export interface RepairPart {
  partId: string;
  /** The part's name when it was chosen, to show while offline. */
  name: string;
  /** Its number, likewise (steps taken before it was kept have none). */
  partNumber?: string;
  quantity: number;
}

export type OutboxAction =
  | { kind: 'ARRIVE'; at: string }
  | { kind: 'REPAIR'; faultCause: string; measures: string; labourHours: string; parts: RepairPart[]; at: string }
  | { kind: 'SIGN_OFF'; signedBy: string; at: string };

export interface OutboxItem {
  /** Ascending in the order the steps were taken. */
  id: number;
  ticketId: string;
  /** The ticket number, to show. */
  number: string;
  action: OutboxAction;
  /**
   * The job's server version the engineer saw when taking the step. The
   * first waiting step of a job is sent at it, whatever the phone has read
   * since, so a change made meanwhile comes back as a conflict to decide on
   * instead of being overwritten; cleared by an explicit retry.
   */
  baseVersion?: number;
  /** Why the server refused it; the job's queue waits until it is retried or dropped. */
  problem?: Problem;
}

/** The items in the order they go out. */
export function inOrder(items: readonly OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => a.id - b.id);
}

/** One job's waiting steps, in order. */
export function queueOf(items: readonly OutboxItem[], ticketId: string): OutboxItem[] {
  return inOrder(items.filter((item) => item.ticketId === ticketId));
}

/**
 * The job as it will be once `action` is applied: what the phone shows while
 * the step waits. The server's version is kept (the step is not sent yet).
 */
export function applyAction(job: Job, action: OutboxAction): Job {
  switch (action.kind) {
    case 'ARRIVE':
      return {
        ...job,
        status: 'ON_SITE',
        allowedActions: ['REPAIR'],
        deadlines: { ...job.deadlines, arrivedAt: job.deadlines.arrivedAt ?? action.at },
      };
    case 'REPAIR':
      return {
        ...job,
        status: 'REPAIRED',
        allowedActions: ['SIGN_OFF'],
        repairRecord: {
          id: `pending-${job.id}`,
          arrivedAt: job.deadlines.arrivedAt ?? action.at,
          faultCause: action.faultCause,
          measures: action.measures,
          labourHours: action.labourHours,
          completedAt: action.at,
          customerSignedName: null,
          customerSignedAt: null,
          parts: action.parts.map(({ partId, name, partNumber, quantity }) => ({
            partId,
            quantity,
            part: { id: partId, name, partNumber: partNumber ?? '' },
          })),
        },
      };
    case 'SIGN_OFF':
      return {
        ...job,
        status: 'CUSTOMER_ACCEPTED',
        allowedActions: [],
        repairRecord: job.repairRecord && {
          ...job.repairRecord,
          customerSignedName: action.signedBy,
          customerSignedAt: action.at,
        },
      };
  }
}

/** The job with its waiting steps applied (a refused step and those after it too: they are still the engineer's intent). */
export function withOutbox(job: Job, items: readonly OutboxItem[]): Job {
  return queueOf(items, job.id).reduce((shown, item) => applyAction(shown, item.action), job);
}

export type SendResult = { ok: true; job: Job } | { ok: false; problems: Problem[] };

export interface FlushDeps {
  /** The job's version as last read from the server. */
  versionOf: (ticketId: string) => number | undefined;
  /** Sends one step at `version`. */
  send: (item: OutboxItem, version: number) => Promise<SendResult>;
  /** The server took it: drop it from the outbox, keep the job it returned. */
  sent: (item: OutboxItem, job: Job) => Promise<void>;
  /** The server refused it: keep it with the reason. */
  refused: (item: OutboxItem, problem: Problem) => Promise<void>;
}

export interface FlushOutcome {
  sent: number;
  refused: number;
  /** The connection dropped on the way: the rest waits for the next try. */
  offline: boolean;
}

/**
 * Sends the waiting steps in order, each job's at the version its previous
 * step produced. A refused step stops its job's queue (later steps there
 * wait) but not the other jobs'; losing the connection stops everything.
 */
export async function flush(items: readonly OutboxItem[], deps: FlushDeps): Promise<FlushOutcome> {
  const versions = new Map<string, number>();
  const stopped = new Set<string>();
  const outcome: FlushOutcome = { sent: 0, refused: 0, offline: false };
  for (const item of inOrder(items)) {
    if (item.problem) stopped.add(item.ticketId);
    if (stopped.has(item.ticketId)) continue;
    const version = versions.get(item.ticketId) ?? item.baseVersion ?? deps.versionOf(item.ticketId);
    if (version === undefined) {
      // Nothing known of the job: nothing to send it against.
      stopped.add(item.ticketId);
      continue;
    }
    const result = await deps.send(item, version);
    if (result.ok) {
      versions.set(item.ticketId, result.job.version);
      await deps.sent(item, result.job);
      outcome.sent += 1;
    } else if (result.problems.some((p) => p.code === 'NETWORK' || p.code === 'UNAUTHENTICATED')) {
      // Not a refusal of the step: the phone is offline, or its sign-in ran
      // out while it waited; everything is sent once that is mended.
      outcome.offline = true;
      break;
    } else {
      stopped.add(item.ticketId);
      await deps.refused(item, result.problems[0] ?? { code: 'INTERNAL', detail: '' });
      outcome.refused += 1;
    }
  }
  return outcome;
}
