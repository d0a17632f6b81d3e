// Lots waiting for approval that the viewer may decide (their role is among
// the lot's approvers), each with the figures the decision needs: the lot's
// value, the percent of market against the floor, the reason when below it,
// the level and the buyers' quotes. More pages load by the API's cursor.
import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { money, round } from '../../components/decimal';
import { problemsOf, sentence } from '../../components/errors';
import { provinceName } from '../../components/provinces';
import { floorPercent, floorPrice } from '../../components/scrapFloor';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import {
  InboxApproveLotDocument,
  InboxRefuseLotDocument,
  PendingLotsDocument,
  type PendingLotFragment,
} from '../../gql/graphql';
import { DecisionModal, type Decision } from './DecisionModal';
import { mine } from './inbox';
import { inboxMessages } from './messages';

const PAGE = 50;

function LotCard({ lot, onDecide }: { lot: PendingLotFragment; onDecide: (d: Decision) => void }) {
  const t = useT(inboxMessages);
  const { locale } = useLocale();
  return (
    <Card
      size="small"
      data-testid="inbox-lot"
      data-lot={lot.lotNumber}
      title={
        <Flex gap={8} wrap align="center">
          <Link to={`/local-sales/${lot.id}`}>{lot.lotNumber}</Link>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {provinceName(lot.province, locale)} · {lot.specification}
          </Typography.Text>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'value', label: t('lotValue'), children: <strong>{money(lot.lotValue)}</strong> },
          { key: 'sale', label: t('salePrice'), children: money(lot.salePrice) },
          { key: 'base', label: t('basePrice'), children: money(lot.basePrice) },
          {
            key: 'percent',
            label: t('percentOfMarket'),
            children: (
              <Typography.Text type={lot.belowFloor ? 'danger' : undefined} data-testid="inbox-lot-percent">
                {round(lot.percentOfMarket, 2)} %
              </Typography.Text>
            ),
          },
          {
            key: 'floor',
            label: t('floor'),
            children: `${floorPercent(lot.province)} % (${money(floorPrice(lot.basePrice, lot.province))})`,
          },
          { key: 'level', label: t('level'), children: <Tag color="blue">{t(lot.approvalLevel)}</Tag> },
          ...(lot.belowFloorReason
            ? [{ key: 'reason', label: t('belowFloorReason'), span: 'filled' as const, children: lot.belowFloorReason }]
            : []),
          {
            key: 'quotes',
            label: t('buyerQuotes'),
            span: 'filled' as const,
            children: (
              <Flex vertical>
                {lot.quotes.map((q) => (
                  <span key={`${q.buyerName}-${q.price}`}>
                    {q.buyerName} · {money(q.price)} · {q.quotedOn}
                  </span>
                ))}
              </Flex>
            ),
          },
        ]}
      />
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        <Button danger onClick={() => onDecide('refuse')} data-testid="inbox-lot-refuse">
          {t('refuse')}
        </Button>
        <Button type="primary" onClick={() => onDecide('approve')} data-testid="inbox-lot-approve">
          {t('approve')}
        </Button>
      </Flex>
    </Card>
  );
}

/** One page of waiting lots; the last page offers the next. */
function LotsPage({
  after,
  last,
  onMore,
  onDecide,
}: {
  after: string | null;
  last: boolean;
  onMore: (cursor: string) => void;
  onDecide: (lot: PendingLotFragment, decision: Decision) => void;
}) {
  const t = useT(inboxMessages);
  const { locale } = useLocale();
  const roles = getSession()?.user.roles ?? [];
  const [{ data, fetching, error }, refetch] = useQuery({ query: PendingLotsDocument, variables: { first: PAGE, after } });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const lots = mine(data?.localSales.nodes ?? [], roles);
  const info = data?.localSales.pageInfo;
  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
        />
      )}
      {fetching && !data && <Spin />}
      {lots.map((lot) => (
        <LotCard key={lot.id} lot={lot} onDecide={(decision) => onDecide(lot, decision)} />
      ))}
      {last && after === null && data && lots.length === 0 && !info?.hasNextPage && <Empty description={t('noLots')} />}
      {last && info?.hasNextPage && info.endCursor && (
        <Button onClick={() => onMore(info.endCursor ?? '')} data-testid="inbox-lots-more">
          {t('more')}
        </Button>
      )}
    </>
  );
}

export function PendingLots() {
  const t = useT(inboxMessages);
  const client = useClient();
  const phone = Grid.useBreakpoint().md === false;
  // The cursors of the pages shown: the first page, then each "more".
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [deciding, setDeciding] = useState<{ lot: PendingLotFragment; decision: Decision } | null>(null);

  async function send(lot: PendingLotFragment, decision: Decision, note: string) {
    const ref = { id: lot.id, version: lot.version };
    const result =
      decision === 'approve'
        ? await client.mutation(InboxApproveLotDocument, { input: ref, note: note || null }).toPromise()
        : await client.mutation(InboxRefuseLotDocument, { input: { localSale: ref, reason: note } }).toPromise();
    return result.error;
  }

  // A decided lot leaves the list by itself: the lot a step returns makes
  // every query that listed lots fetch again.
  return (
    <Card title={t('lots')} data-testid="inbox-lots" styles={{ body: { padding: phone ? 8 : undefined } }}>
      <Flex vertical gap={12}>
        {cursors.map((after, i) => (
          <LotsPage
            key={after ?? ''}
            after={after}
            last={i === cursors.length - 1}
            onMore={(cursor) => setCursors((all) => [...all, cursor])}
            onDecide={(lot, decision) => setDeciding({ lot, decision })}
          />
        ))}
      </Flex>
      {deciding && (
        <DecisionModal
          decision={deciding.decision}
          subject={deciding.lot.lotNumber}
          onClose={() => setDeciding(null)}
          onSend={(note) => send(deciding.lot, deciding.decision, note)}
          onReload={() => setCursors([null])}
        />
      )}
    </Card>
  );
}
