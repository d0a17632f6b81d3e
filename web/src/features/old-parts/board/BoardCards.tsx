// A board section on a phone: a card per old part.
import { Card, Empty, Flex, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n';
import type { BoardOldPartFragment } from '../../../gql/graphql';
import { DelayDays } from './DelayDays';
import { boardMessages } from './messages';
import { OldPartStatusTag } from './StatusTag';

export function BoardCards({ rows, loading, empty }: { rows: BoardOldPartFragment[]; loading: boolean; empty: string }) {
  const t = useT(boardMessages);
  if (rows.length === 0) {
    return loading ? <Spin style={{ display: 'block', margin: 24 }} /> : <Empty description={empty} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  return (
    <Flex vertical gap={8}>
      {rows.map((row) => (
        <Card key={row.id} size="small" data-testid="old-part-row" data-number={row.approvalNumber} data-id={row.id}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Link to={`/old-parts/${row.id}`} style={{ fontWeight: 600 }}>
              {row.approvalNumber}
            </Link>
            <DelayDays part={row} />
          </Flex>
          <div style={{ marginTop: 4 }}>
            {row.part?.name ?? '—'} · {row.part?.partNumber} × {row.quantity}
          </div>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {row.engineer?.displayName ?? '—'} · {row.region}
            {row.unit ? ` · ${row.unit.serialNumber}` : ''}
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
            <Typography.Text style={{ fontSize: 13 }}>
              {t('dueOn')} {row.dueOn}
              {row.promisedOn ? ` · ${t('promisedOn')} ${row.promisedOn}` : ''}
            </Typography.Text>
            <OldPartStatusTag status={row.status} />
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
