// Which form each next step opens. The buttons are exactly the ticket's
// `allowedActions`; the server still checks everything.
import type { TicketAction } from '../../../gql/enums';

export type ActionForm =
  /** Triage: entitlement, exclusion, note. */
  | 'triage'
  /** Quote lines from the price list, labour, discount. */
  | 'quote'
  /** Engineer (the rotation's pick first) and appointment. */
  | 'dispatch'
  /** A reason the transition records. */
  | 'reason'
  /** Reason and, optionally, another engineer. */
  | 'rework'
  /** The return visit's findings. */
  | 'visit'
  /** The repair record. */
  | 'repair'
  /** Who signs for the customer. */
  | 'signOff'
  /** Arrival time (default now). */
  | 'arrive'
  /** Nothing to fill in: a confirmation. */
  | 'confirm';

const FORMS: Record<TicketAction, ActionForm> = {
  ACCEPT: 'triage',
  QUOTE: 'quote',
  APPROVE_QUOTE: 'confirm',
  ACCEPT_QUOTE: 'confirm',
  DISPATCH: 'dispatch',
  ARRIVE: 'arrive',
  REPAIR: 'repair',
  SIGN_OFF: 'signOff',
  RESOLVE_BY_GUIDANCE: 'reason',
  VISIT: 'visit',
  CLOSE: 'confirm',
  REWORK: 'rework',
  RETURN_TO_FACTORY: 'reason',
  CANCEL: 'reason',
};

export function formFor(action: TicketAction): ActionForm {
  return FORMS[action];
}

/** Steps that end or undo work: shown as danger buttons. */
export function isDangerous(action: TicketAction): boolean {
  return action === 'CANCEL' || action === 'RETURN_TO_FACTORY' || action === 'REWORK';
}
