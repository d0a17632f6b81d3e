// The repairs behind one failure cause of the quarter, as the API lists them
// for the report's drill-down, a page at a time; each links to its ticket.
import { Alert, Button, Card, Drawer, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { causeName } from './charts';
import { partLines, partsOf, type Repair } from './drill';
import { reportMessages } from './messages';
import { useRecurrenceRepairs } from './useRecurrenceRepairs';

interface CauseLike {
  code: string;
  name?: string | null;
}

interface Props {
  cause: CauseLike | null;
  year: number;
  quarter: number;
  periodLabel: string;
  phone: boolean;
  onClose: () => void;
}

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function TicketLink({ repair }: { repair: Repair }) {
  return (
    <Link to={`/tickets/${repair.ticket.id}`} data-testid="repair-ticket">
      {repair.ticket.number}
    </Link>
  );
}

export function RepairsDrawer({ cause, year, quarter, periodLabel, phone, onClose }: Props) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const list = useRecurrenceRepairs(year, quarter, cause?.code ?? null);
  const { rows, total } = list;

  const repeat = (r: Repair) =>
    r.ticket.repeatRepair && (
      <Tag color="error" style={{ marginLeft: 4 }}>
        {t('repeat')}
      </Tag>
    );

  const columns: ColumnsType<Repair> = [
    {
      key: 'number',
      title: t('ticket'),
      render: (_, r) => (
        <span className="reports-flag">
          <TicketLink repair={r} />
          {repeat(r)}
        </span>
      ),
    },
    { key: 'completed', title: t('completedAt'), render: (_, r) => <span className="reports-flag">{when(r.completedAt)}</span> },
    {
      key: 'unit',
      title: t('unit'),
      render: (_, r) => (
        <Flex vertical>
          <span>{r.ticket.unit?.serialNumber ?? '–'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.ticket.unit?.model?.name ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'customer', title: t('customer'), render: (_, r) => r.ticket.customer?.name ?? '–' },
    {
      key: 'engineer',
      title: t('engineer'),
      render: (_, r) => <span className="reports-flag">{r.ticket.engineer?.displayName ?? '–'}</span>,
    },
    {
      key: 'parts',
      title: t('parts'),
      render: (_, r) => (
        <Flex vertical>
          {r.parts.length === 0 && '–'}
          {partLines(r).map((line, i) => (
            <span key={i} className="reports-wrap">
              {line}
            </span>
          ))}
        </Flex>
      ),
    },
    { key: 'measures', title: t('measures'), render: (_, r) => <span className="reports-wrap">{r.measures}</span> },
  ];

  return (
    <Drawer
      open={cause != null}
      onClose={onClose}
      size={phone ? '100%' : 1000}
      title={cause ? t('drillTitle', { cause: causeName(cause), period: periodLabel }) : ''}
      data-testid="repairs-drawer"
    >
      {cause && (
        <Flex vertical gap={12}>
          {list.error && (
            <Alert
              type="error"
              showIcon
              title={t('loadFailed') + problemsOf(list.error).map((p) => sentence(p, locale)).join(' ')}
              action={<Button onClick={list.retry}>{t('retry')}</Button>}
            />
          )}
          {total != null && (
            <Typography.Text type="secondary" data-testid="repairs-count" data-total={total} data-shown={rows.length}>
              {t('drillCount', { total, shown: rows.length })}
            </Typography.Text>
          )}
          {phone ? (
            <Flex vertical gap={8} data-testid="repairs">
              {total === 0 && <Typography.Text type="secondary">{t('drillEmpty')}</Typography.Text>}
              {rows.map((r) => (
                <Card key={r.id} size="small" data-testid="repair-row">
                  <Flex vertical gap={2}>
                    <Flex justify="space-between" gap={8} wrap>
                      <span>
                        <TicketLink repair={r} />
                        {repeat(r)}
                      </span>
                      <Typography.Text type="secondary">{when(r.completedAt)}</Typography.Text>
                    </Flex>
                    <Typography.Text className="reports-wrap">
                      {[r.ticket.unit?.serialNumber, r.ticket.unit?.model?.name, r.ticket.customer?.name].filter(Boolean).join(' · ')}
                    </Typography.Text>
                    <Typography.Text type="secondary">{t('partsCount', { count: partsOf(r) })}</Typography.Text>
                    {partLines(r).map((line, i) => (
                      <Typography.Text key={i} type="secondary" className="reports-wrap">
                        {line}
                      </Typography.Text>
                    ))}
                    <Typography.Text type="secondary" className="reports-wrap">
                      {r.measures}
                    </Typography.Text>
                  </Flex>
                </Card>
              ))}
              {list.loading && <Spin />}
            </Flex>
          ) : (
            <Table<Repair>
              data-testid="repairs"
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={list.loading}
              pagination={false}
              locale={{ emptyText: total === 0 ? t('drillEmpty') : ' ' }}
              onRow={() => ({ 'data-testid': 'repair-row' }) as HTMLAttributes<HTMLElement>}
            />
          )}
          {list.more && (
            <Button data-testid="repairs-more" loading={list.loading} onClick={list.loadMore} block={phone}>
              {t('loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
