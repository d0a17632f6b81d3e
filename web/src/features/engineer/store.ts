// Where the phone keeps the engineer's jobs and waiting steps between visits:
// IndexedDB in the browser (idbStore.ts), memory in tests. Small on purpose,
// so the logic above it is tested without a browser database.
import type { MyOldPartsQuery } from '../../gql/graphql';
import type { Job, OutboxItem } from './outbox';

/** An old part the engineer owes, as the old-parts page shows it. */
export type OwedOldPart = MyOldPartsQuery['oldParts']['nodes'][number];

export interface PartChoice {
  id: string;
  name: string;
  partNumber: string;
}

export interface CauseChoice {
  code: string;
  name: string;
  faultCategory: string;
}

/** What the repair form needs offline: the cause catalogue and the parts seen. */
export interface Catalogue {
  causes: CauseChoice[];
  parts: PartChoice[];
}

export interface FieldStore {
  /** Every job kept, by id, and the ids of the job list in its order. */
  loadJobs(): Promise<{ jobs: Job[]; list: string[] | null }>;
  putJob(job: Job): Promise<void>;
  putList(ids: string[]): Promise<void>;
  loadOutbox(): Promise<OutboxItem[]>;
  /** Stores a new item and gives it the next id. */
  addItem(item: Omit<OutboxItem, 'id'>): Promise<OutboxItem>;
  putItem(item: OutboxItem): Promise<void>;
  deleteItem(id: number): Promise<void>;
  loadCatalogue(): Promise<Catalogue>;
  putCatalogue(catalogue: Catalogue): Promise<void>;
  loadOldParts(): Promise<OwedOldPart[] | null>;
  putOldParts(parts: OwedOldPart[]): Promise<void>;
}

/** A store in memory: for tests, and when the browser refuses IndexedDB (private mode). */
export function memoryStore(): FieldStore {
  const jobs = new Map<string, Job>();
  let list: string[] | null = null;
  const items = new Map<number, OutboxItem>();
  let nextId = 1;
  let catalogue: Catalogue = { causes: [], parts: [] };
  let oldParts: OwedOldPart[] | null = null;
  return {
    loadJobs: async () => ({ jobs: [...jobs.values()], list }),
    putJob: async (job) => void jobs.set(job.id, job),
    putList: async (ids) => void (list = [...ids]),
    loadOutbox: async () => [...items.values()],
    addItem: async (item) => {
      const stored = { ...item, id: nextId++ };
      items.set(stored.id, stored);
      return stored;
    },
    putItem: async (item) => void items.set(item.id, item),
    deleteItem: async (id) => void items.delete(id),
    loadCatalogue: async () => catalogue,
    putCatalogue: async (next) => void (catalogue = next),
    loadOldParts: async () => oldParts,
    putOldParts: async (next) => void (oldParts = next),
  };
}
