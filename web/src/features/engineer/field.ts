// The engineer's jobs as the phone knows them: the server's last word on each
// job, kept in the store, with the steps still waiting in the outbox laid
// over it. Screens read it with useSyncExternalStore (useField.ts); every
// change is written through to the store, so a reload offline shows the same.
import { flush, queueOf, withOutbox, type FlushOutcome, type Job, type OutboxAction, type OutboxItem, type SendResult } from './outbox';
import type { Catalogue, FieldStore, OwedOldPart } from './store';
import type { TicketStatus } from '../../gql/enums';

/** The states a job is on the engineer's list in. */
export const OPEN_STATES: readonly TicketStatus[] = ['DISPATCHED', 'ON_SITE', 'REPAIRED'];

export interface FieldSnapshot {
  /** Read from the store (until then, nothing is known offline). */
  loaded: boolean;
  /** The server's last word on each job kept. */
  jobs: Record<string, Job>;
  /** The job list's ids, or null before it was ever loaded. */
  list: string[] | null;
  outbox: OutboxItem[];
  catalogue: Catalogue;
  /** The old parts owed, as last read (null before). */
  oldParts: OwedOldPart[] | null;
}

/** A reply that crossed a newer one on the way (an older version) is not kept. */
function newer(known: Job | undefined, incoming: Job): Job {
  return known && known.version > incoming.version ? known : incoming;
}

export class Field {
  private snapshot: FieldSnapshot = { loaded: false, jobs: {}, list: null, outbox: [], catalogue: { causes: [], parts: [] }, oldParts: null };
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<FlushOutcome> | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly store: FieldStore) {
    this.ready = this.load();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = () => this.snapshot;

  private update(patch: Partial<FieldSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((listener) => listener());
  }

  private async load() {
    const [{ jobs, list }, outbox, catalogue, oldParts] = await Promise.all([
      this.store.loadJobs(),
      this.store.loadOutbox(),
      this.store.loadCatalogue(),
      this.store.loadOldParts(),
    ]);
    // Anything the server said while loading wins over what was stored.
    this.update({
      loaded: true,
      jobs: { ...Object.fromEntries(jobs.map((job) => [job.id, job])), ...this.snapshot.jobs },
      list: this.snapshot.list ?? list,
      oldParts: this.snapshot.oldParts ?? oldParts,
      outbox: [...outbox, ...this.snapshot.outbox.filter((item) => !outbox.some((o) => o.id === item.id))],
      catalogue: {
        causes: this.snapshot.catalogue.causes.length ? this.snapshot.catalogue.causes : catalogue.causes,
        parts: this.snapshot.catalogue.parts.length ? this.snapshot.catalogue.parts : catalogue.parts,
      },
    });
  }

  /** The job as shown: the server's last word with the waiting steps applied. */
  shown(id: string): Job | undefined {
    const job = this.snapshot.jobs[id];
    return job && withOutbox(job, this.snapshot.outbox);
  }

  /** The server's job list. */
  async saveList(jobs: readonly Job[]) {
    this.update({
      jobs: { ...this.snapshot.jobs, ...Object.fromEntries(jobs.map((job) => [job.id, newer(this.snapshot.jobs[job.id], job)])) },
      list: jobs.map((job) => job.id),
    });
    await Promise.all([...jobs.map((job) => this.store.putJob(this.snapshot.jobs[job.id] ?? job)), this.store.putList(jobs.map((job) => job.id))]);
  }

  /** The server's word on one job. */
  async saveJob(incoming: Job) {
    const job = newer(this.snapshot.jobs[incoming.id], incoming);
    this.update({ jobs: { ...this.snapshot.jobs, [job.id]: job } });
    await this.store.putJob(job);
  }

  /** A job changed (the live feed): on the list while it is mine and open. */
  async jobChanged(incoming: Job, mine: boolean) {
    const job = newer(this.snapshot.jobs[incoming.id], incoming);
    const list = this.snapshot.list ?? [];
    const belongs = mine && OPEN_STATES.includes(job.status);
    const next = belongs ? (list.includes(job.id) ? list : [...list, job.id]) : list.filter((id) => id !== job.id);
    if (!belongs && !list.includes(job.id)) return;
    this.update({ jobs: { ...this.snapshot.jobs, [job.id]: job }, list: next });
    await Promise.all([this.store.putJob(job), this.store.putList(next)]);
  }

  async saveCatalogue(patch: Partial<Catalogue>) {
    const catalogue = { ...this.snapshot.catalogue, ...patch };
    this.update({ catalogue });
    await this.store.putCatalogue(catalogue);
  }

  async saveOldParts(parts: OwedOldPart[]) {
    this.update({ oldParts: parts });
    await this.store.putOldParts(parts);
  }

  /** Steps of this job still waiting (then new steps must wait behind them). */
  hasQueue(ticketId: string): boolean {
    return queueOf(this.snapshot.outbox, ticketId).length > 0;
  }

  async enqueue(job: Job, action: OutboxAction): Promise<OutboxItem> {
    const item = await this.store.addItem({ ticketId: job.id, number: job.number, action, baseVersion: job.version });
    this.update({ outbox: [...this.snapshot.outbox, item] });
    return item;
  }

  /** Try a refused step again (after a reload, the job's new version is used). */
  async retry(id: number) {
    const item = this.snapshot.outbox.find((o) => o.id === id);
    if (!item) return;
    const cleared = { ...item, problem: undefined, baseVersion: undefined };
    this.update({ outbox: this.snapshot.outbox.map((o) => (o.id === id ? cleared : o)) });
    await this.store.putItem(cleared);
  }

  /** Give a step up: it is not sent. */
  async drop(id: number) {
    this.update({ outbox: this.snapshot.outbox.filter((o) => o.id !== id) });
    await this.store.deleteItem(id);
  }

  /** Sends the waiting steps; one run at a time (a second call waits for the first). */
  flush(send: (item: OutboxItem, version: number) => Promise<SendResult>): Promise<FlushOutcome> {
    if (this.flushing) return this.flushing;
    const run = (async () => {
      await this.ready;
      return flush(this.snapshot.outbox, {
        versionOf: (ticketId) => this.snapshot.jobs[ticketId]?.version,
        send,
        sent: async (item, job) => {
          // The job's next waiting steps now build on what this one produced.
          const rebased = this.snapshot.outbox
            .filter((o) => o.ticketId === item.ticketId && o.id !== item.id)
            .map((o) => ({ ...o, baseVersion: job.version }));
          const byId = new Map(rebased.map((o) => [o.id, o]));
          this.update({
            outbox: this.snapshot.outbox.filter((o) => o.id !== item.id).map((o) => byId.get(o.id) ?? o),
            jobs: { ...this.snapshot.jobs, [job.id]: job },
          });
          await Promise.all([
            this.store.deleteItem(item.id),
            this.store.putJob(job),
            ...rebased.map((o) => this.store.putItem(o)),
          ]);
        },
        refused: async (item, problem) => {
          const refused = { ...item, problem };
          this.update({ outbox: this.snapshot.outbox.map((o) => (o.id === item.id ? refused : o)) });
          await this.store.putItem(refused);
        },
      });
    })();
    this.flushing = run.finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }
}
