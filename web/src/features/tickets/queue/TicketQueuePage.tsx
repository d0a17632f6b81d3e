import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useLocale } from '../../../app/i18n';
import { label, TICKET_STATUS } from '../../../components/labels';
import { TicketQueueDocument } from '../../../gql/graphql';

export default function TicketQueuePage() {
  const { locale } = useLocale();
  const [{ data, fetching }] = useQuery({ query: TicketQueueDocument, variables: { first: 50 } });
  return (
    <Card>
      <Table
        rowKey="id"
        loading={fetching}
        dataSource={data?.tickets.nodes ?? []}
        pagination={false}
        columns={[
          { title: '#', dataIndex: 'number', render: (n: string, row) => <Link to={`/tickets/${row.id}`}>{n}</Link> },
          { title: 'Status', dataIndex: 'status', render: (s) => label(TICKET_STATUS, s, locale) },
        ]}
      />
    </Card>
  );
}
