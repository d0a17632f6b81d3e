// A part's movement ledger (台账): every receipt, issue, return, adjustment
// and count difference with the balance after it, who booked it and why.
// The API lists it oldest first, a page at a time; warehouse and page live
// in the URL.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Grid, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { problemsOf } from '../../components/errors';
import { label } from '../../components/labels';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import type { MovementKind } from '../../gql/enums';
import { PartLedgerDocument, PartStockDocument, type PartLedgerQuery } from '../../gql/graphql';
import { CardList } from './CardList';
import { MOVEMENT_KIND, PART_CATEGORY } from './labels';
import { partsMessages } from './messages';
import { Pager } from './Pager';
import { stockSentence } from './problems';
import { signed } from './stocktake';
import { TicketNumber } from './TicketNumber';
import { WarehouseSelect } from './WarehouseSelect';

type Movement = PartLedgerQuery['stockMovements']['nodes'][number];

const PAGE_SIZE = 50;
const KIND_COLOR: Record<MovementKind, string> = {
  RECEIVE: 'green',
  ISSUE: 'blue',
  RETURN: 'cyan',
  ADJUST: 'orange',
  STOCKTAKE: 'purple',
};

function Who({ actorId }: { actorId: string | null | undefined }) {
  const t = useT(partsMessages);
  if (!actorId) return <>—</>;
  // The ledger names the user by id only (no name in the API); the signed-in user is "you".
  return <>{actorId === getSession()?.user.id ? t('you') : t('userId', { id: actorId })}</>;
}

function Change({ quantity }: { quantity: number }) {
  return (
    <Typography.Text type={quantity < 0 ? 'danger' : 'success'} data-testid="ledger-quantity">
      {signed(quantity)}
    </Typography.Text>
  );
}

export default function PartLedgerPage() {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const { partId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get('warehouse') || null;
  const after = params.get('after') || null;
  const go = (next: { warehouseId?: string | null; after?: string | null }) => {
    const updated = new URLSearchParams();
    const w = next.warehouseId !== undefined ? next.warehouseId : warehouseId;
    if (w) updated.set('warehouse', w);
    // A new warehouse starts at the first page.
    const a = next.warehouseId !== undefined ? null : (next.after ?? null);
    if (a) updated.set('after', a);
    setParams(updated);
  };

  const stockVariables = useMemo(() => ({ partId, warehouseId }), [partId, warehouseId]);
  const [stock, stockAgain] = useQuery({ query: PartStockDocument, variables: stockVariables });
  const ledgerVariables = useMemo(
    () => ({ filter: { partId, ...(warehouseId ? { warehouseId } : {}) }, first: PAGE_SIZE, after }),
    [partId, warehouseId, after],
  );
  const [ledger, ledgerAgain] = useQuery({ query: PartLedgerDocument, variables: ledgerVariables });
  const reload = () => {
    stockAgain({ requestPolicy: 'network-only' });
    ledgerAgain({ requestPolicy: 'network-only' });
  };
  useSignedInAgain(reload);

  const part = stock.data?.part;
  const movements = ledger.data?.stockMovements;
  const rows = movements?.nodes ?? [];
  const error = stock.error ?? ledger.error;

  const columns: TableColumnsType<Movement> = [
    { title: t('when'), dataIndex: 'createdAt', render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') },
    {
      title: t('kind'),
      dataIndex: 'kind',
      render: (kind: MovementKind) => (
        <Tag color={KIND_COLOR[kind]} data-testid="ledger-kind" data-kind={kind}>
          {label(MOVEMENT_KIND, kind, locale)}
        </Tag>
      ),
    },
    { title: t('change'), dataIndex: 'quantity', align: 'right', render: (value: number) => <Change quantity={value} /> },
    {
      title: t('balanceAfter'),
      dataIndex: 'balanceAfter',
      align: 'right',
      render: (value: number) => <span data-testid="ledger-balance">{value}</span>,
    },
    { title: t('warehouse'), key: 'warehouse', render: (_, m) => m.warehouse?.code ?? '' },
    { title: t('ticket'), dataIndex: 'ticketId', render: (id: string | null) => (id ? <TicketNumber id={id} /> : '—') },
    { title: t('who'), dataIndex: 'actorId', render: (id: string | null) => <Who actorId={id} /> },
    {
      title: t('reason'),
      dataIndex: 'reason',
      render: (value: string | null) => <span data-testid="ledger-reason">{value ?? '—'}</span>,
    },
  ];

  return (
    <Card
      title={
        <Space size={8} wrap>
          <Link to={`/stock${warehouseId ? `?warehouse=${warehouseId}` : ''}`} aria-label={t('backToStock')}>
            <ArrowLeftOutlined />
          </Link>
          <span data-testid="ledger-title">
            {part ? t('ledgerTitle', { part: `${part.partNumber} ${part.name}` }) : t('ledgerOf')}
          </span>
        </Space>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        {part && (
          <Flex gap={8} wrap align="center">
            <Tag>{label(PART_CATEGORY, part.category, locale)}</Tag>
            {part.valuable && (
              <Tag color="gold">
                {t('valuable')}
                {part.valuableLimit ? ` · ${t('valuableLimit', { limit: part.valuableLimit })}` : ''}
              </Tag>
            )}
            {(stock.data?.stockLevels ?? []).map((level) => (
              <Tag
                key={level.warehouse?.id}
                color={level.belowSafetyStock ? 'red' : 'default'}
                data-testid="ledger-stock"
                data-warehouse={level.warehouse?.code}
              >
                {level.warehouse?.code}: {t('onHand')} {level.onHand} / {t('safetyStock')} {level.safetyStock}
              </Tag>
            ))}
          </Flex>
        )}
        <Flex gap={8} wrap align="center" justify="space-between">
          <WarehouseSelect
            testId="ledger-warehouse"
            allowAll
            value={warehouseId}
            onChange={(id) => go({ warehouseId: id })}
            width={phone ? '100%' : 240}
          />
          {movements && <Typography.Text type="secondary">{t('movements', { count: movements.totalCount })}</Typography.Text>}
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => stockSentence(p, locale)).join(' ')}
            action={<Button onClick={reload}>{t('retry')}</Button>}
          />
        )}
        {phone ? (
          <CardList
            loading={ledger.fetching && !ledger.data}
            rows={rows}
            rowKey={(m) => m.id}
            empty={t('emptyLedger')}
            render={(m) => (
              <Card size="small" data-testid="ledger-row" data-kind={m.kind}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Tag color={KIND_COLOR[m.kind]} data-testid="ledger-kind" data-kind={m.kind}>
                    {label(MOVEMENT_KIND, m.kind, locale)}
                  </Tag>
                  <span>
                    <Change quantity={m.quantity} /> → <b data-testid="ledger-balance">{m.balanceAfter}</b>
                  </span>
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
                  {dayjs(m.createdAt).format('YYYY-MM-DD HH:mm')} · {m.warehouse?.code} · <Who actorId={m.actorId} />
                  {m.ticketId && (
                    <>
                      {' · '}
                      <TicketNumber id={m.ticketId} />
                    </>
                  )}
                </Typography.Text>
                {m.reason && <div data-testid="ledger-reason">{m.reason}</div>}
              </Card>
            )}
          />
        ) : (
          <Table<Movement>
            size="middle"
            columns={columns}
            dataSource={rows}
            rowKey="id"
            loading={ledger.fetching && !ledger.data}
            locale={{ emptyText: <Empty description={t('emptyLedger')} /> }}
            onRow={(m) => ({ 'data-testid': 'ledger-row', 'data-kind': m.kind }) as object}
            pagination={false}
          />
        )}
        <Pager
          testId="ledger"
          after={after}
          hasNext={movements?.pageInfo.hasNextPage ?? false}
          endCursor={movements?.pageInfo.endCursor}
          onPage={(next) => go({ after: next })}
        />
      </Flex>
    </Card>
  );
}
