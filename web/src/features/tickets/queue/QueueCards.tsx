// The queue on a phone: a card per ticket, memoised so a live change or a
// clock tick re-renders only what it touches.
import { Card, Empty, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../../../app/i18n';
import { label, SEVERITY } from '../../../components/labels';
import { TicketStatusTag } from '../../../components/TicketStatusTag';
import type { QueueTicketFragment } from '../../../gql/graphql';
import { provinceName } from './regions';
import { SlaCountdown } from './SlaCountdown';

const TicketCard = memo(function TicketCard({ ticket, now }: { ticket: QueueTicketFragment; now: number }) {
  const { locale } = useLocale();
  return (
    <Card size="small" data-testid="ticket-row" data-number={ticket.number} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Link to={`/tickets/${ticket.id}`} style={{ fontWeight: 600 }}>
          {ticket.number}
        </Link>
        <TicketStatusTag status={ticket.status} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {ticket.unit?.serialNumber} · {ticket.unit?.model?.name}
      </Typography.Text>
      <div>
        {ticket.customer?.name}
        {ticket.customer && ` · ${provinceName(ticket.customer.province, locale)}`}
        {ticket.engineer && ` · ${ticket.engineer.displayName}`}
      </div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label(SEVERITY, ticket.severity, locale)} · {dayjs(ticket.reportedAt).format('MM-DD HH:mm')}
        </Typography.Text>
        <SlaCountdown ticket={ticket} now={now} />
      </Flex>
    </Card>
  );
});

export function QueueCards({ rows, now, loading, empty }: { rows: QueueTicketFragment[]; now: number; loading: boolean; empty: string }) {
  if (rows.length === 0) return loading ? <Spin style={{ display: 'block', margin: 24 }} /> : <Empty description={empty} />;
  return (
    <Flex vertical gap={8}>
      {rows.map((ticket) => (
        <TicketCard key={ticket.id} ticket={ticket} now={now} />
      ))}
    </Flex>
  );
}
