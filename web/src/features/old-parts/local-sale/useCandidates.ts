// The old parts of a province that may go into a lot. The old-part filter
// cannot ask for a disposition, so every page of the province's old parts
// is read and those marked LOCAL_SALE (not yet disposed of) are kept.
import { useEffect, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import { LotCandidatesDocument, type LotCandidatesQuery } from '../../../gql/graphql';
import { forSale } from './figures';

export type CandidatePart = LotCandidatesQuery['oldParts']['nodes'][number];

interface State {
  province: string;
  parts: CandidatePart[];
  loading: boolean;
  error: CombinedError | null;
}

export function useCandidates(province: string | undefined) {
  const client = useClient();
  const [state, setState] = useState<State>({ province: '', parts: [], loading: false, error: null });

  useEffect(() => {
    if (!province) return;
    let stale = false;
    (async () => {
      const parts: CandidatePart[] = [];
      let after: string | null | undefined;
      for (;;) {
        const result = await client
          .query(LotCandidatesDocument, { region: province, first: 200, after }, { requestPolicy: 'network-only' })
          .toPromise();
        if (stale) return;
        if (result.error || !result.data) {
          setState({ province, parts: [], loading: false, error: result.error ?? null });
          return;
        }
        parts.push(...forSale(result.data.oldParts.nodes));
        const info = result.data.oldParts.pageInfo;
        if (!info.hasNextPage) break;
        after = info.endCursor;
      }
      setState({ province, parts, loading: false, error: null });
    })();
    return () => {
      stale = true;
    };
  }, [client, province]);

  // Until the province's parts are in, it is loading (and shows none of the last province's).
  if (!province) return { province: '', parts: [], loading: false, error: null };
  return state.province === province ? state : { province, parts: [], loading: true, error: null };
}
