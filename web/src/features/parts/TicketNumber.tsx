// A ticket a stock row or requisition names only by id, shown by its number
// and linked to the ticket page.
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { StockTicketNumberDocument } from '../../gql/graphql';

export function TicketNumber({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: StockTicketNumberDocument, variables: { id }, requestPolicy: 'cache-first' });
  return (
    <Link to={`/tickets/${id}`} data-testid="ticket-link">
      {data?.ticket.number ?? '…'}
    </Link>
  );
}
