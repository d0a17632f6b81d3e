// The repairs of one cause in one quarter, read a page at a time by the
// API's cursors: the first page when the cause opens, the next on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { RecurrenceRepairsDocument } from '../../gql/graphql';
import { PAGE_SIZE, withPage, type Repair } from './drill';

export interface RepairList {
  rows: Repair[];
  /** All the repairs of the cause, over every page (null until the first arrives). */
  total: number | null;
  more: boolean;
  loading: boolean;
  error?: CombinedError;
}

interface Read extends RepairList {
  key: string;
  cursor: string | null;
}

const EMPTY: RepairList & { cursor: null } = { rows: [], total: null, more: false, loading: true, cursor: null };

export function useRecurrenceRepairs(year: number, quarter: number, cause: string | null) {
  const client = useClient();
  const key = cause ? `${year}-Q${quarter}/${cause}` : '';
  const [read, setRead] = useState<Read>({ key: '', ...EMPTY });
  // The cause open now: a page that arrives for another one is dropped.
  const open = useRef(key);
  useEffect(() => {
    open.current = key;
  }, [key]);

  const request = useCallback(
    async (after: string | null) => {
      if (!cause) return;
      const result = await client
        .query(RecurrenceRepairsDocument, { year, quarter, cause, first: PAGE_SIZE, after }, { requestPolicy: 'network-only' })
        .toPromise();
      if (open.current !== key) return;
      const page = result.data?.recurrenceRepairs;
      setRead((r) => {
        const before = r.key === key ? r : { key, ...EMPTY };
        if (!page) return { ...before, loading: false, error: result.error };
        return {
          key,
          rows: withPage(before.rows, page.nodes, after == null),
          total: page.totalCount,
          more: page.pageInfo.hasNextPage,
          cursor: page.pageInfo.endCursor ?? null,
          loading: false,
        };
      });
    },
    [client, key, year, quarter, cause],
  );

  useEffect(() => {
    void request(null);
  }, [request]);

  // The next page, or again the one that failed.
  const next = () => {
    const after = read.key === key && read.rows.length > 0 ? read.cursor : null;
    setRead((r) => (r.key === key ? { ...r, loading: true, error: undefined } : { key, ...EMPTY }));
    void request(after);
  };
  useSignedInAgain(() => {
    if (read.key === key && read.error) next();
  });

  const list: RepairList = read.key === key ? read : EMPTY;
  return { ...list, loadMore: next, retry: next };
}
