// The repairs behind one failure cause of the quarter, each linking to its
// ticket. Read page by page from the ticket list until every occurrence the
// report counts is found (see drill.ts for why).
import { Alert, Card, Drawer, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useClient } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { CauseRepairsDocument, type CauseRepairsQueryVariables } from '../../gql/graphql';
import { causeName } from './charts';
import { keepReading, MAX_PAGES, partsOf, repairsOf, type RepairTicket } from './drill';
import { reportMessages } from './messages';
import { businessStart, type Bounds } from './period';

interface CauseLike {
  code: string;
  name?: string | null;
  occurrences: number;
}

interface Props {
  cause: CauseLike | null;
  bounds: Bounds;
  periodLabel: string;
  phone: boolean;
  onClose: () => void;
}

interface Found {
  key: string;
  rows: RepairTicket[];
  done: boolean;
  error?: string;
}

const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '–');

export function RepairsDrawer({ cause, bounds, periodLabel, phone, onClose }: Props) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const client = useClient();
  const code = cause?.code ?? null;
  const wanted = cause?.occurrences ?? 0;
  const { from, to } = bounds;
  const key = code ? `${code}/${from}` : '';
  const [found, setFound] = useState<Found>({ key: '', rows: [], done: false });

  useEffect(() => {
    if (!code) return undefined;
    let live = true;
    const range = { from, to };
    const read = async () => {
      const rows: RepairTicket[] = [];
      let after: string | null | undefined = null;
      let pages = 0;
      let more = true;
      while (live && (pages === 0 || keepReading(rows.length, wanted, pages, more))) {
        const variables: CauseRepairsQueryVariables = { filter: { createdTo: businessStart(range.to) }, after };
        const result = await client.query(CauseRepairsDocument, variables, { requestPolicy: 'network-only' }).toPromise();
        if (!live) return;
        if (result.error || !result.data) {
          setFound({ key, rows, done: true, error: problemsOf(result.error).map((p) => sentence(p, locale)).join(' ') });
          return;
        }
        pages += 1;
        rows.push(...repairsOf(result.data.tickets.nodes, code, range));
        more = result.data.tickets.pageInfo.hasNextPage;
        after = result.data.tickets.pageInfo.endCursor ?? null;
        setFound({ key, rows: [...rows], done: false });
      }
      if (live) setFound({ key, rows, done: true });
    };
    void read();
    return () => {
      live = false;
    };
  }, [client, code, wanted, from, to, key, locale]);

  const current = found.key === key ? found : { key, rows: [], done: false, error: undefined };
  const total = cause?.occurrences ?? 0;

  const columns: ColumnsType<RepairTicket> = [
    {
      key: 'number',
      title: t('ticket'),
      render: (_, r) => (
        <Link to={`/tickets/${r.id}`} data-testid="repair-ticket">
          {r.number}
        </Link>
      ),
    },
    { key: 'completed', title: t('completedAt'), render: (_, r) => when(r.repairRecord?.completedAt) },
    {
      key: 'unit',
      title: t('unit'),
      render: (_, r) => (
        <Flex vertical>
          <span>{r.unit?.serialNumber ?? '–'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unit?.model?.name ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'customer', title: t('customer'), render: (_, r) => r.customer?.name ?? '–' },
    { key: 'engineer', title: t('engineer'), render: (_, r) => r.engineer?.displayName ?? '–' },
    { key: 'parts', title: t('parts'), align: 'right', render: (_, r) => partsOf(r) },
    {
      key: 'measures',
      title: t('measures'),
      render: (_, r) => (
        <span className="reports-wrap">
          {r.repairRecord?.measures}
          {r.repeatRepair && (
            <Tag color="error" style={{ marginLeft: 4 }}>
              {t('repeat')}
            </Tag>
          )}
        </span>
      ),
    },
  ];

  return (
    <Drawer
      open={cause != null}
      onClose={onClose}
      size={phone ? '100%' : 900}
      title={cause ? t('drillTitle', { cause: causeName(cause), period: periodLabel }) : ''}
      data-testid="repairs-drawer"
    >
      {cause && (
        <Flex vertical gap={12}>
          {current.error && <Alert type="error" showIcon title={t('loadFailed') + current.error} />}
          {current.done && !current.error && current.rows.length >= total && (
            <div data-testid="repairs-found">
              <Alert type="success" showIcon title={t('drillFound', { found: current.rows.length, total })} />
            </div>
          )}
          {current.done && !current.error && current.rows.length < total && (
            <div data-testid="repairs-partial">
              <Alert type="warning" showIcon title={t('drillPartial', { found: current.rows.length, total, pages: MAX_PAGES })} />
            </div>
          )}
          {!current.done && <Spin />}
          {phone ? (
            <Flex vertical gap={8} data-testid="repairs">
              {current.done && current.rows.length === 0 && <Typography.Text type="secondary">{t('drillEmpty')}</Typography.Text>}
              {current.rows.map((r) => (
                <Card key={r.id} size="small" data-testid="repair-row">
                  <Flex vertical gap={2}>
                    <Flex justify="space-between" gap={8} wrap>
                      <Link to={`/tickets/${r.id}`} data-testid="repair-ticket">
                        {r.number}
                      </Link>
                      <Typography.Text type="secondary">{when(r.repairRecord?.completedAt)}</Typography.Text>
                    </Flex>
                    <Typography.Text className="reports-wrap">
                      {r.unit?.serialNumber ?? '–'} · {r.unit?.model?.name ?? ''} · {r.customer?.name ?? ''}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="reports-wrap">
                      {t('parts')} {partsOf(r)} · {r.repairRecord?.measures}
                    </Typography.Text>
                  </Flex>
                </Card>
              ))}
            </Flex>
          ) : (
            <Table<RepairTicket>
              data-testid="repairs"
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={current.rows}
              pagination={false}
              locale={{ emptyText: current.done ? t('drillEmpty') : ' ' }}
              onRow={() => ({ 'data-testid': 'repair-row' }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
