// A ticket's state as a coloured tag, the same on every screen: blue while
// the desk works on it, orange in the field, green once the customer signed,
// grey when it is over.
import { Tag } from 'antd';
import type { TicketStatus } from '../gql/enums';
import { useLocale } from '../app/i18n';
import { TICKET_STATUS, label } from './labels';

const COLOR: Record<TicketStatus, string> = {
  REPORTED: 'blue',
  ACCEPTED: 'blue',
  QUOTED: 'purple',
  QUOTE_APPROVED: 'purple',
  DISPATCHED: 'orange',
  ON_SITE: 'orange',
  REPAIRED: 'cyan',
  CUSTOMER_ACCEPTED: 'green',
  VISITED: 'green',
  CLOSED: 'default',
  RETURNED_TO_FACTORY: 'magenta',
  CANCELLED: 'default',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { locale } = useLocale();
  return <Tag color={COLOR[status]}>{label(TICKET_STATUS, status, locale)}</Tag>;
}
