// One lot by id. The API lists lots but has no `localSale(id)` query, so the
// lot is looked up page by page in the list (lots are few: a handful a month
// per province); `refresh` fetches it again from the server.
import { useCallback, useEffect, useState } from 'react';
import { useClient, type Client, type CombinedError } from 'urql';
import { LocalSalesDocument, type LotFullFragment } from '../../../gql/graphql';

interface Found {
  lot: LotFullFragment | null;
  error: CombinedError | null;
}

async function fetchLot(client: Client, id: string): Promise<Found> {
  let after: string | null | undefined;
  for (;;) {
    const result = await client
      .query(LocalSalesDocument, { first: 200, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) return { lot: null, error: result.error ?? null };
    const { nodes, pageInfo } = result.data.localSales;
    const lot = nodes.find((node) => node.id === id);
    if (lot || !pageInfo.hasNextPage) return { lot: lot ?? null, error: null };
    after = pageInfo.endCursor;
  }
}

export function useLot(id: string) {
  const client = useClient();
  const [state, setState] = useState<Found & { loading: boolean }>({ lot: null, error: null, loading: true });

  useEffect(() => {
    let stale = false;
    fetchLot(client, id).then((found) => {
      if (!stale) setState({ ...found, loading: false });
    });
    return () => {
      stale = true;
    };
  }, [client, id]);

  const refresh = useCallback(async () => {
    const found = await fetchLot(client, id);
    setState({ ...found, loading: false });
    return found.lot;
  }, [client, id]);
  /** Takes the lot a step returned, without asking again. */
  const replace = useCallback((lot: LotFullFragment) => setState({ lot, error: null, loading: false }), []);
  return { ...state, refresh, replace };
}
