// The phone's store in IndexedDB, one database per user, so a shared phone
// never shows one engineer another's jobs or sends their steps.
import { openDB, type DBSchema } from 'idb';
import type { Job, OutboxItem } from './outbox';
import type { Catalogue, FieldStore, OwedOldPart } from './store';

interface FieldDB extends DBSchema {
  jobs: { key: string; value: Job };
  outbox: { key: number; value: OutboxItem };
  meta: { key: string; value: unknown };
}

export function idbStore(userId: string): FieldStore {
  const db = openDB<FieldDB>(`aftersales-field-${userId}`, 1, {
    upgrade(database) {
      database.createObjectStore('jobs', { keyPath: 'id' });
      database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      database.createObjectStore('meta');
    },
  });
  return {
    async loadJobs() {
      const d = await db;
      const [jobs, list] = await Promise.all([d.getAll('jobs'), d.get('meta', 'list')]);
      return { jobs, list: (list as string[] | undefined) ?? null };
    },
    putJob: async (job) => void (await (await db).put('jobs', job)),
    putList: async (ids) => void (await (await db).put('meta', ids, 'list')),
    loadOutbox: async () => (await db).getAll('outbox'),
    async addItem(item) {
      // The store numbers it: ids ascend in the order steps were taken.
      const id = await (await db).add('outbox', item as OutboxItem);
      return { ...item, id };
    },
    putItem: async (item) => void (await (await db).put('outbox', item)),
    deleteItem: async (id) => (await db).delete('outbox', id),
    async loadCatalogue() {
      const stored = (await (await db).get('meta', 'catalogue')) as Catalogue | undefined;
      return stored ?? { causes: [], parts: [] };
    },
    putCatalogue: async (catalogue) => void (await (await db).put('meta', catalogue, 'catalogue')),
    loadOldParts: async () => ((await (await db).get('meta', 'oldParts')) as OwedOldPart[] | undefined) ?? null,
    putOldParts: async (parts) => void (await (await db).put('meta', parts, 'oldParts')),
  };
}
