// The next steps: exactly the ticket's allowedActions, as buttons that wrap
// on a phone; each opens its form.
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n';
import type { TicketAction } from '../../../gql/enums';
import type { TicketFullFragment } from '../../../gql/graphql';
import { ActionModal } from './ActionModal';
import { isDangerous } from './actions';
import { ticketMessages } from './messages';

export function TicketActions({ ticket, onReload }: { ticket: TicketFullFragment; onReload: () => void }) {
  const t = useT(ticketMessages);
  const [open, setOpen] = useState<TicketAction | null>(null);
  const actions = ticket.allowedActions;
  // The first step forward is the primary one; undoing steps are marked.
  const primary = actions.find((a) => !isDangerous(a) && a !== 'CANCEL');
  return (
    <>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {actions.length > 0 ? t('actions') : t('noActions')}
      </Typography.Text>
      <Flex gap={8} wrap data-testid="ticket-actions">
        {actions.map((action) => (
          <Button
            key={action}
            data-testid={`action-${action}`}
            type={action === primary ? 'primary' : 'default'}
            danger={isDangerous(action)}
            onClick={() => setOpen(action)}
          >
            {t(action)}
          </Button>
        ))}
      </Flex>
      {open && <ActionModal action={open} ticket={ticket} onClose={() => setOpen(null)} onReload={onReload} />}
    </>
  );
}
