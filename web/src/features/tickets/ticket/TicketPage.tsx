import { Card, Descriptions } from 'antd';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale } from '../../../app/i18n';
import { label, TICKET_STATUS } from '../../../components/labels';
import { TicketPageDocument } from '../../../gql/graphql';

export default function TicketPage() {
  const { id = '' } = useParams();
  const { locale } = useLocale();
  const [{ data }] = useQuery({ query: TicketPageDocument, variables: { id } });
  const ticket = data?.ticket;
  return (
    <Card title={ticket?.number}>
      {ticket && (
        <Descriptions items={[{ key: 'status', label: 'Status', children: label(TICKET_STATUS, ticket.status, locale) }]} />
      )}
    </Card>
  );
}
