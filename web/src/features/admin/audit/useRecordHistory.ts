// One record's recorded changes. `auditLog` filters by type only, so the
// type's entries are read page by page (the largest pages the API allows)
// and kept when they are about the record; a few pages at a time, then the
// user may search further. With `followLive`, changes recorded meanwhile
// are appended as they happen. Mount it once per record (a `key`), so a new
// record starts from nothing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useSubscription } from 'urql';
import type { CombinedError } from '@urql/core';
import { AuditLogDocument, AuditTrailDocument, type AuditRowFragment, type AuditTrailSubscription } from '../../../gql/graphql';
import { matches } from './view';

const PAGE = 200;
const PAGES_PER_RUN = 5;

export interface RecordHistory {
  entries: AuditRowFragment[];
  scanned: number;
  total: number;
  /** Every page has been read. */
  done: boolean;
  loading: boolean;
  error: CombinedError | undefined;
  more: () => void;
}

function collect(previous: AuditRowFragment[] | undefined, event: AuditTrailSubscription): AuditRowFragment[] {
  return [...(previous ?? []), event.auditTrail];
}

export function useRecordHistory(entityType: string, entityId: string, followLive: boolean): RecordHistory {
  const client = useClient();
  const [entries, setEntries] = useState<AuditRowFragment[]>([]);
  const [scanned, setScanned] = useState(0);
  const [total, setTotal] = useState(0);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<CombinedError | undefined>();
  const cursor = useRef<string | null>(null);
  // Each run reads only while it is the latest: unmounting (or React's
  // development double mount) abandons one still reading.
  const generation = useRef(0);

  const read = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    for (let page = 0; page < PAGES_PER_RUN; page += 1) {
      const result = await client
        .query(AuditLogDocument, { entityType, first: PAGE, after: cursor.current }, { requestPolicy: 'network-only' })
        .toPromise();
      if (mine !== generation.current) return;
      if (result.error || !result.data) {
        setError(result.error);
        break;
      }
      const log = result.data.auditLog;
      const found = log.nodes.filter((entry) => matches(entry, { entityType, entityId }));
      setEntries((previous) => [...previous, ...found]);
      setScanned((previous) => previous + log.nodes.length);
      setTotal(log.totalCount);
      cursor.current = log.pageInfo.endCursor ?? null;
      if (!log.pageInfo.hasNextPage) {
        setDone(true);
        break;
      }
    }
    setLoading(false);
  }, [client, entityType, entityId]);

  useEffect(() => {
    void read();
    return () => {
      generation.current += 1;
    };
  }, [read]);

  const more = () => {
    setLoading(true);
    setError(undefined);
    void read();
  };

  const [{ data: arrived }] = useSubscription({ query: AuditTrailDocument, pause: !followLive }, collect);
  const seen = new Set(entries.map((entry) => entry.id));
  const live = done ? (arrived ?? []).filter((entry) => matches(entry, { entityType, entityId }) && !seen.has(entry.id)) : [];

  return { entries: [...entries, ...live], scanned, total, done, loading, error, more };
}
