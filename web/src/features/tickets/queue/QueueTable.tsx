// The queue on a desk: one row per ticket, the order chosen by the server.
// Cells are plain elements clipped by CSS (a title shows the rest): Ant
// Design's measured ellipsis and tooltips cost more than the rest of a row.
import { Table, type TableColumnsType } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLocale, useT } from '../../../app/i18n';
import { label, SEVERITY } from '../../../components/labels';
import { TicketStatusTag } from '../../../components/TicketStatusTag';
import type { TicketOrderField } from '../../../gql/enums';
import type { QueueTicketFragment } from '../../../gql/graphql';
import { queueMessages } from './messages';
import { provinceName } from './regions';
import { SlaCountdown } from './SlaCountdown';
import './queue.css';
import type { QueueView } from './view';

interface Props {
  rows: QueueTicketFragment[];
  loading: boolean;
  now: number;
  view: QueueView;
  onSort: (sort: TicketOrderField, direction: QueueView['direction']) => void;
}

/** The columns the server can order by. */
const SORT_FIELD: Record<string, TicketOrderField> = {
  number: 'NUMBER',
  reportedAt: 'CREATED_AT',
  sla: 'REPLY_DUE_AT',
};

export function QueueTable({ rows, loading, now, view, onSort }: Props) {
  const t = useT(queueMessages);
  const { locale } = useLocale();

  const columns = useMemo<TableColumnsType<QueueTicketFragment>>(() => {
    // A row's cells re-render only when its ticket changed (a live update);
    // the countdown alone follows the clock. A new language remounts the table.
    const changed = (record: QueueTicketFragment, previous: QueueTicketFragment) => record !== previous;
    const order = (key: string) =>
      SORT_FIELD[key] === view.sort ? (view.direction === 'ASC' ? 'ascend' : 'descend') : null;
    return [
      {
        key: 'number',
        shouldCellUpdate: changed,
        title: t('number'),
        sorter: true,
        sortOrder: order('number'),
        render: (_, row) => <Link to={`/tickets/${row.id}`}>{row.number}</Link>,
        width: 140,
      },
      { key: 'status', shouldCellUpdate: changed, title: t('status'), render: (_, row) => <TicketStatusTag status={row.status} />, width: 140 },
      {
        key: 'unit',
        shouldCellUpdate: changed,
        title: t('unit'),
        render: (_, row) => (
          <>
            <div>{row.unit?.serialNumber}</div>
            <div className="queue-secondary queue-clip" title={row.unit?.model?.name}>
              {row.unit?.model?.name}
            </div>
          </>
        ),
        width: 160,
      },
      {
        key: 'customer',
        shouldCellUpdate: changed,
        title: `${t('customer')} / ${t('region')}`,
        ellipsis: true,
        render: (_, row) =>
          row.customer && (
            <>
              <div className="queue-clip" title={row.customer.name}>
                {row.customer.name}
              </div>
              <div className="queue-secondary">{provinceName(row.customer.province, locale)}</div>
            </>
          ),
      },
      { key: 'engineer', shouldCellUpdate: changed, title: t('engineer'), render: (_, row) => row.engineer?.displayName ?? '—', width: 100 },
      {
        key: 'severity',
        shouldCellUpdate: changed,
        title: t('severity'),
        render: (_, row) => label(SEVERITY, row.severity, locale),
        width: 110,
      },
      {
        key: 'reportedAt',
        shouldCellUpdate: changed,
        title: t('reportedAt'),
        sorter: true,
        sortOrder: order('reportedAt'),
        render: (_, row) => dayjs(row.reportedAt).format('YYYY-MM-DD HH:mm'),
        width: 140,
      },
      {
        key: 'sla',
        title: t('sla'),
        sorter: true,
        sortOrder: order('sla'),
        render: (_, row) => <SlaCountdown ticket={row} now={now} />,
        width: 190,
      },
    ];
  }, [t, locale, now, view.sort, view.direction]);

  return (
    <Table<QueueTicketFragment>
      key={locale}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 1100 }}
      sortDirections={['ascend', 'descend', 'ascend']}
      onRow={(row) => ({ 'data-testid': 'ticket-row', 'data-number': row.number }) as HTMLAttributes<HTMLElement>}
      onChange={(_pagination, _filters, sorter) => {
        const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<QueueTicketFragment> | undefined;
        const field = one?.columnKey ? SORT_FIELD[String(one.columnKey)] : undefined;
        if (field && one?.order) onSort(field, one.order === 'ascend' ? 'ASC' : 'DESC');
      }}
    />
  );
}
