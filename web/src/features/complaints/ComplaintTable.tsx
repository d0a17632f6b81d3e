// The complaint list on a desk: one row per complaint, in the server's order.
import { Button, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLocale, useT } from '../../app/i18n';
import { label, ROLE, SEVERITY } from '../../components/labels';
import type { ComplaintItemFragment } from '../../gql/graphql';
import { CategoryTag, ComplaintStatusTag, RouteCountdown } from './ComplaintCells';
import { complaintMessages } from './messages';
import './complaints.css';

interface Props {
  rows: ComplaintItemFragment[];
  loading: boolean;
  now: number;
  onOpen: (id: string) => void;
}

export function ComplaintTable({ rows, loading, now, onOpen }: Props) {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const columns = useMemo<TableColumnsType<ComplaintItemFragment>>(() => {
    const changed = (record: ComplaintItemFragment, previous: ComplaintItemFragment) => record !== previous;
    return [
      {
        key: 'number',
        shouldCellUpdate: changed,
        title: t('number'),
        width: 170,
        render: (_, row) => (
          <Button type="link" size="small" style={{ padding: 0 }} data-testid="complaint-open" onClick={() => onOpen(row.id)}>
            {row.number}
          </Button>
        ),
      },
      { key: 'category', shouldCellUpdate: changed, title: t('category'), width: 100, render: (_, row) => <CategoryTag category={row.category} /> },
      {
        key: 'severity',
        shouldCellUpdate: changed,
        title: t('severity'),
        width: 110,
        render: (_, row) => label(SEVERITY, row.severity, locale),
      },
      {
        key: 'customer',
        shouldCellUpdate: changed,
        title: t('customer'),
        ellipsis: true,
        render: (_, row) => (
          <div className="complaints-clip" title={row.customer?.name}>
            {row.customer?.name ?? '—'}
          </div>
        ),
      },
      {
        key: 'ticket',
        shouldCellUpdate: changed,
        title: t('ticket'),
        width: 140,
        render: (_, row) => (row.ticket ? <Link to={`/tickets/${row.ticket.id}`}>{row.ticket.number}</Link> : '—'),
      },
      {
        key: 'receivedAt',
        shouldCellUpdate: changed,
        title: t('receivedAt'),
        width: 110,
        render: (_, row) => dayjs(row.receivedAt).format('MM-DD HH:mm'),
      },
      {
        // Where it went (and who took it) and by when it must be there, together: the deadline is that role's.
        key: 'route',
        title: t('routeDeadline'),
        width: 170,
        render: (_, row) => (
          <>
            <div className="complaints-secondary complaints-clip" title={row.handlerName ?? undefined}>
              {row.routedTo ? label(ROLE, row.routedTo, locale) : '—'}
              {row.handlerName && <span data-testid="complaint-handler"> · {row.handlerName}</span>}
            </div>
            <RouteCountdown complaint={row} now={now} />
          </>
        ),
      },
      { key: 'status', shouldCellUpdate: changed, title: t('status'), width: 150, render: (_, row) => <ComplaintStatusTag status={row.status} /> },
    ];
  }, [t, locale, now, onOpen]);

  return (
    <Table<ComplaintItemFragment>
      key={locale}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 1130 }}
      locale={{ emptyText: t('empty') }}
      onRow={(row) => ({ 'data-testid': 'complaint-row', 'data-number': row.number }) as HTMLAttributes<HTMLElement>}
    />
  );
}
