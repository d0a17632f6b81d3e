// The work list on a desk: one row per visit in the server's order (by
// deadline, so the overdue lead). The countdown alone follows the clock.
import { Table, type TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLocale, useT } from '../../app/i18n';
import type { WorkVisitFragment } from '../../gql/graphql';
import { visitMessages } from './messages';
import { RecordButton, VisitContact, VisitDeadline, VisitOutcome } from './VisitCells';
import { standing } from './visit';
import './visits.css';

interface Props {
  rows: WorkVisitFragment[];
  loading: boolean;
  now: number;
  done: boolean;
  onRecord: (visit: WorkVisitFragment) => void;
}

export function VisitTable({ rows, loading, now, done, onRecord }: Props) {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const columns = useMemo<TableColumnsType<WorkVisitFragment>>(() => {
    const changed = (record: WorkVisitFragment, previous: WorkVisitFragment) => record !== previous;
    return [
      {
        key: 'ticket',
        shouldCellUpdate: changed,
        title: t('ticket'),
        width: 150,
        render: (_, row) => (row.ticket ? <Link to={`/tickets/${row.ticket.id}`}>{row.ticket.number}</Link> : '—'),
      },
      {
        key: 'customer',
        shouldCellUpdate: changed,
        title: t('customer'),
        ellipsis: true,
        render: (_, row) => (
          <div className="visits-clip" title={row.customer?.name}>
            {row.customer?.name ?? '—'}
          </div>
        ),
      },
      { key: 'contact', shouldCellUpdate: changed, title: t('contact'), width: 230, render: (_, row) => <VisitContact visit={row} /> },
      { key: 'kind', shouldCellUpdate: changed, title: t('kind'), width: 150, render: (_, row) => t(`kind_${row.kind}`) },
      {
        key: 'deadline',
        title: t('deadline'),
        width: 170,
        render: (_, row) => <VisitDeadline visit={row} now={now} />,
      },
      done
        ? { key: 'result', shouldCellUpdate: changed, title: t('result'), width: 240, render: (_, row) => <VisitOutcome visit={row} /> }
        : {
            key: 'action',
            shouldCellUpdate: changed,
            title: '',
            width: 120,
            render: (_, row) => <RecordButton visit={row} onRecord={onRecord} />,
          },
    ];
  }, [t, now, done, onRecord]);

  return (
    <Table<WorkVisitFragment>
      key={locale}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 960 }}
      locale={{ emptyText: t('empty') }}
      onRow={(row) =>
        ({
          'data-testid': 'visit-row',
          'data-ticket': row.ticket?.number ?? '',
          'data-standing': standing(row, now),
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
