// Which SLA deadline a ticket is racing now: first the reply (24 h from the
// report), then the engineer's arrival on site. The API has no repair
// deadline, so once the engineer is there (or the ticket is over) nothing
// is pending and the row shows whether the deadlines were kept.
import type { ServiceType, TicketStatus } from '../../../gql/enums';

export type DeadlineKind = 'reply' | 'arrival';

export interface DeadlineTicket {
  status: TicketStatus;
  serviceType?: ServiceType | null;
  reportedAt: string;
  deadlines: {
    replyDueAt: string;
    repliedAt?: string | null;
    arrivalDueAt: string;
    arrivedAt?: string | null;
  };
}

export interface PendingDeadline {
  kind: DeadlineKind;
  dueAt: string;
  /** When the time allowed began (the report). */
  startedAt: string;
}

/** States in which no engineer will still go on site. */
const PAST_SITE: readonly TicketStatus[] = [
  'ON_SITE',
  'REPAIRED',
  'CUSTOMER_ACCEPTED',
  'VISITED',
  'CLOSED',
  'RETURNED_TO_FACTORY',
  'CANCELLED',
];

export function nextDeadline(ticket: DeadlineTicket): PendingDeadline | null {
  if (ticket.status === 'CANCELLED' || ticket.status === 'CLOSED') return null;
  const { deadlines } = ticket;
  if (!deadlines.repliedAt) {
    return { kind: 'reply', dueAt: deadlines.replyDueAt, startedAt: ticket.reportedAt };
  }
  // Phone guidance (OTHER) never goes on site.
  if (deadlines.arrivedAt || ticket.serviceType === 'OTHER' || PAST_SITE.includes(ticket.status)) return null;
  return { kind: 'arrival', dueAt: deadlines.arrivalDueAt, startedAt: ticket.reportedAt };
}
