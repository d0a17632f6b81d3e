// The complaint list on a phone: a card per complaint; tapping it opens it.
import { Card, Empty, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { label, SEVERITY } from '../../components/labels';
import type { ComplaintItemFragment } from '../../gql/graphql';
import { CategoryTag, ComplaintStatusTag, RouteCountdown } from './ComplaintCells';
import { complaintMessages } from './messages';

interface CardProps {
  complaint: ComplaintItemFragment;
  now: number;
  onOpen: (id: string) => void;
}

const ComplaintCard = memo(function ComplaintCard({ complaint, now, onOpen }: CardProps) {
  const { locale } = useLocale();
  return (
    <Card
      size="small"
      hoverable
      data-testid="complaint-row"
      data-number={complaint.number}
      onClick={() => onOpen(complaint.id)}
      style={{ width: '100%' }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Link data-testid="complaint-open" strong>
          {complaint.number}
        </Typography.Link>
        <ComplaintStatusTag status={complaint.status} />
      </Flex>
      <div style={{ marginTop: 4 }}>
        {complaint.customer?.name}
        {complaint.ticket && ` · ${complaint.ticket.number}`}
      </div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
        <span>
          <CategoryTag category={complaint.category} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(SEVERITY, complaint.severity, locale)} · {dayjs(complaint.receivedAt).format('MM-DD HH:mm')}
            {complaint.handlerName && <span data-testid="complaint-handler"> · {complaint.handlerName}</span>}
          </Typography.Text>
        </span>
        <RouteCountdown complaint={complaint} now={now} />
      </Flex>
    </Card>
  );
});

interface Props {
  rows: ComplaintItemFragment[];
  now: number;
  loading: boolean;
  onOpen: (id: string) => void;
}

export function ComplaintCards({ rows, now, loading, onOpen }: Props) {
  const t = useT(complaintMessages);
  if (rows.length === 0) return loading ? <Spin style={{ display: 'block', margin: 24 }} /> : <Empty description={t('empty')} />;
  return (
    <Flex vertical gap={8}>
      {rows.map((complaint) => (
        <ComplaintCard key={complaint.id} complaint={complaint} now={now} onOpen={onOpen} />
      ))}
    </Flex>
  );
}
