// A board section on a desk: one row per old part, in the server's order.
import { Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useLocale, useT } from '../../../app/i18n';
import type { BoardOldPartFragment } from '../../../gql/graphql';
import { DelayDays } from './DelayDays';
import { boardMessages } from './messages';
import { formatMoney } from './money';
import { OldPartStatusTag } from './StatusTag';
import './board.css';

interface Props {
  rows: BoardOldPartFragment[];
  loading: boolean;
  empty: string;
}

export function BoardTable({ rows, loading, empty }: Props) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const columns = useMemo<TableColumnsType<BoardOldPartFragment>>(
    () => [
      {
        key: 'number',
        title: t('approvalNumber'),
        render: (_, row) => <Link to={`/old-parts/${row.id}`}>{row.approvalNumber}</Link>,
        width: 150,
      },
      {
        key: 'part',
        title: t('part'),
        render: (_, row) => (
          <>
            <div className="board-clip" title={row.part?.name}>
              {row.part?.name ?? '—'}
            </div>
            <div className="board-secondary">
              {row.part?.partNumber} × {row.quantity}
            </div>
          </>
        ),
      },
      { key: 'unit', title: t('unit'), render: (_, row) => row.unit?.serialNumber ?? '—', width: 130 },
      {
        key: 'engineer',
        title: `${t('engineer')} / ${t('region')}`,
        render: (_, row) => (
          <>
            <div>{row.engineer?.displayName ?? '—'}</div>
            <div className="board-secondary">{row.region}</div>
          </>
        ),
        width: 160,
      },
      {
        key: 'total',
        title: t('total'),
        align: 'right',
        render: (_, row) => formatMoney(row.total, locale),
        width: 110,
      },
      { key: 'status', title: t('status'), render: (_, row) => <OldPartStatusTag status={row.status} />, width: 110 },
      {
        key: 'due',
        title: t('dueOn'),
        render: (_, row) => (
          <>
            <div>{row.dueOn}</div>
            {row.promisedOn && (
              <div className="board-secondary">
                {t('promisedOn')} {row.promisedOn}
              </div>
            )}
          </>
        ),
        width: 140,
      },
      { key: 'delay', title: t('delayDays'), render: (_, row) => <DelayDays part={row} />, width: 130 },
    ],
    [t, locale],
  );

  return (
    <Table<BoardOldPartFragment>
      key={locale}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <Typography.Text type="secondary">{empty}</Typography.Text> }}
      onRow={(row) => ({ 'data-testid': 'old-part-row', 'data-number': row.approvalNumber, 'data-id': row.id }) as HTMLAttributes<HTMLElement>}
    />
  );
}
