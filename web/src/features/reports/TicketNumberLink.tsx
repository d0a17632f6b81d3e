// A ticket named by its number (as the incident report gives it): opening
// it looks the ticket's id up, since the ticket page is addressed by id.
import { Typography, message } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { useT } from '../../app/i18n';
import { TicketIdByNumberDocument } from '../../gql/graphql';
import { reportMessages } from './messages';

export function TicketNumberLink({ number }: { number: string }) {
  const t = useT(reportMessages);
  const client = useClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();

  const open = async () => {
    setBusy(true);
    const result = await client.query(TicketIdByNumberDocument, { number }).toPromise();
    setBusy(false);
    const id = result.data?.ticket.id;
    if (id) navigate(`/tickets/${id}`);
    else void toast.error(t('ticketNotFound', { number }));
  };

  return (
    <>
      {holder}
      <Typography.Link data-testid="incident-ticket" disabled={busy} onClick={() => void open()}>
        {number}
      </Typography.Link>
    </>
  );
}
