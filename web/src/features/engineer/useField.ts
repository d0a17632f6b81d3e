// The signed-in engineer's Field (one per user, kept for the tab's life) and
// the outbox sent whenever the phone is online: at start and on `online`.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useClient } from 'urql';
import { getSession } from '../../app/session';
import { Field } from './field';
import { idbStore } from './idbStore';
import { memoryStore } from './store';
import { sendAction } from './send';

const fields = new Map<string, Field>();

function fieldFor(userId: string): Field {
  let field = fields.get(userId);
  if (!field) {
    // Private windows may refuse IndexedDB: then the jobs live as long as the tab.
    field = new Field(typeof indexedDB === 'undefined' ? memoryStore() : idbStore(userId));
    fields.set(userId, field);
  }
  return field;
}

export function useField() {
  const userId = getSession()?.user.id ?? 'anonymous';
  const field = fieldFor(userId);
  const snapshot = useSyncExternalStore(field.subscribe, field.getSnapshot);
  return { field, snapshot, userId };
}

/** Tries again this often while steps wait (a connection can come back without an `online` event). */
const RETRY_MS = 30_000;

/** Sends the outbox now, each time the connection returns and every 30 s; gives a function to send it on demand. */
export function useOutboxSync(field: Field) {
  const client = useClient();
  const sync = useCallback(() => {
    if (!navigator.onLine) return;
    void field.flush((item, version) => sendAction(client, item.ticketId, version, item.action));
  }, [client, field]);
  useEffect(() => {
    // At start the store may still be loading: flush() waits for it.
    if (navigator.onLine) void field.ready.then(sync);
    window.addEventListener('online', sync);
    const timer = setInterval(sync, RETRY_MS);
    return () => {
      window.removeEventListener('online', sync);
      clearInterval(timer);
    };
  }, [field, sync]);
  return sync;
}
