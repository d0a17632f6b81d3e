// Requisitions (领用单): the ones waiting to be issued first, then those
// waiting for approval and the rest, a page at a time by the API's cursors.
// A row opens its detail; state tab, warehouse, page and the open one live
// in the URL.
import { Alert, Button, Card, Empty, Flex, Grid, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf } from '../../components/errors';
import { label } from '../../components/labels';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { RequisitionsDocument, type RequisitionRowFragment } from '../../gql/graphql';
import { CardList } from './CardList';
import { REQUISITION_STATUS } from './labels';
import { partsMessages } from './messages';
import { Pager } from './Pager';
import { stockSentence } from './problems';
import { RequisitionDrawer, STATUS_COLOR } from './RequisitionDrawer';
import {
  parseRequisitionView,
  REQUISITION_TABS,
  requisitionViewToParams,
  type RequisitionView,
} from './requisition';
import { TicketNumber } from './TicketNumber';
import { WarehouseSelect } from './WarehouseSelect';

const PAGE_SIZE = 50;

function LinesSummary({ requisition }: { requisition: RequisitionRowFragment }) {
  return (
    <span>
      {requisition.lines.map((line, index) => (
        <span key={line.part?.id ?? index}>
          {index > 0 && '，'}
          {line.part?.partNumber} × {line.quantityRequested}
        </span>
      ))}
    </span>
  );
}

export default function RequisitionsPage() {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseRequisitionView(params), [params]);
  const change = (next: Partial<RequisitionView>) => {
    // A new tab or warehouse starts at the first page.
    const paging = 'after' in next || 'open' in next;
    setParams(requisitionViewToParams({ ...view, ...(paging ? {} : { after: null }), ...next }));
  };

  const variables = useMemo(
    () => ({
      filter: {
        ...(view.tab !== 'ALL' ? { status: view.tab } : {}),
        ...(view.warehouseId ? { warehouseId: view.warehouseId } : {}),
      },
      first: PAGE_SIZE,
      after: view.after,
    }),
    [view.tab, view.warehouseId, view.after],
  );
  const [{ data, fetching, error }, refetch] = useQuery({ query: RequisitionsDocument, variables });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useSignedInAgain(reload);
  // What a step returned: the open requisition stays on screen as it is now
  // even when it has left this tab's list.
  const [changed, setChanged] = useState<Map<string, RequisitionRowFragment>>(new Map());

  const rows = data?.requisitions.nodes ?? [];
  const open = view.open ? (changed.get(view.open) ?? rows.find((r) => r.id === view.open) ?? null) : null;
  const openRow = (id: string | null) => change({ open: id });

  const columns: TableColumnsType<RequisitionRowFragment> = [
    { title: t('requestedAt'), dataIndex: 'createdAt', render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm') },
    { title: t('ticket'), dataIndex: 'ticketId', render: (id: string) => <TicketNumber id={id} /> },
    { title: t('engineer'), key: 'engineer', render: (_, r) => r.engineer?.displayName ?? '—' },
    { title: t('warehouse'), key: 'warehouse', render: (_, r) => r.warehouse?.code ?? '—' },
    { title: t('lines'), key: 'lines', render: (_, r) => <LinesSummary requisition={r} /> },
    {
      title: t('status'),
      dataIndex: 'status',
      render: (status: RequisitionRowFragment['status']) => (
        <Tag color={STATUS_COLOR[status]}>{label(REQUISITION_STATUS, status, locale)}</Tag>
      ),
    },
    {
      title: t('actions'),
      key: 'open',
      render: (_, r) => (
        <Button size="small" data-testid="requisition-open" onClick={() => openRow(r.id)}>
          {t('open')}
        </Button>
      ),
    },
  ];

  const rowProps = (r: RequisitionRowFragment) =>
    ({ 'data-testid': 'requisition-row', 'data-id': r.id, 'data-status': r.status }) as object;

  return (
    <Card
      title={t('requisitionsTitle')}
      extra={
        data && (
          <Typography.Text type="secondary" data-testid="requisitions-total">
            {t('rows', { count: data.requisitions.totalCount })}
          </Typography.Text>
        )
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented
              data-testid="requisitions-tab"
              value={view.tab}
              onChange={(tab) => change({ tab, open: null })}
              options={REQUISITION_TABS.map((tab) => ({ value: tab, label: t(`tab_${tab}`) }))}
            />
          </div>
          <WarehouseSelect
            testId="requisitions-warehouse"
            allowAll
            value={view.warehouseId}
            onChange={(warehouseId) => change({ warehouseId })}
            width={phone ? '100%' : 240}
          />
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
            loading={fetching && !data}
            rows={rows}
            rowKey={(r) => r.id}
            empty={t('emptyRequisitions')}
            render={(r) => (
              <Card size="small" onClick={() => openRow(r.id)} hoverable {...rowProps(r)}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <TicketNumber id={r.ticketId} />
                  <Tag color={STATUS_COLOR[r.status]}>{label(REQUISITION_STATUS, r.status, locale)}</Tag>
                </Flex>
                <div style={{ marginTop: 4 }}>
                  <LinesSummary requisition={r} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(r.createdAt).format('MM-DD HH:mm')} · {r.engineer?.displayName ?? '—'} · {r.warehouse?.code}
                </Typography.Text>
                <Button size="small" block style={{ marginTop: 6 }} data-testid="requisition-open">
                  {t('open')}
                </Button>
              </Card>
            )}
          />
        ) : (
          <Table<RequisitionRowFragment>
            size="middle"
            columns={columns}
            dataSource={rows}
            rowKey="id"
            loading={fetching && !data}
            pagination={false}
            locale={{ emptyText: <Empty description={t('emptyRequisitions')} /> }}
            onRow={rowProps}
          />
        )}
        <Pager
          testId="requisitions"
          after={view.after}
          hasNext={data?.requisitions.pageInfo.hasNextPage ?? false}
          endCursor={data?.requisitions.pageInfo.endCursor}
          onPage={(after) => change({ after })}
        />
      </Flex>
      {open && (
        <RequisitionDrawer
          key={`${open.id}/${open.version}`}
          requisition={open}
          onClose={() => openRow(null)}
          onChanged={(next) => {
            setChanged((previous) => new Map(previous).set(next.id, next));
            reload();
          }}
          onReload={() => {
            setChanged((previous) => {
              const next = new Map(previous);
              next.delete(open.id);
              return next;
            });
            reload();
          }}
        />
      )}
    </Card>
  );
}
