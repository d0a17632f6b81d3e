// Which steps of a complaint the signed-in user is offered, by the API's
// role checks: the role it was routed to (or a service manager) takes it;
// its handler or the desk answers it; the desk closes an answered one. A
// quality complaint is answered only once it has reached quality (taken):
// the desk does not answer around the routing. The server checks again (the
// handler above all: the API does not say who took a complaint, so a
// quality user is offered the answer of any quality complaint taken, and
// told if it is someone else's).
import type { ComplaintStatus, Role } from '../../gql/enums';
import { hasAnyRole, type SessionUser } from '../../app/session';

export type ComplaintStep = 'take' | 'answer' | 'close';

const DESK: readonly Role[] = ['AGENT', 'SERVICE_MANAGER'];

interface Complaint {
  status: ComplaintStatus;
  routedTo?: Role | null;
}

export function offeredSteps(complaint: Complaint, user: SessionUser | null | undefined): ComplaintStep[] {
  const routed = complaint.routedTo ?? 'SERVICE_MANAGER';
  const steps: ComplaintStep[] = [];
  if (complaint.status === 'OPEN' && hasAnyRole(user, [routed, 'SERVICE_MANAGER'])) steps.push('take');
  const taken = complaint.status === 'ROUTED';
  const deskMay = taken || (complaint.status === 'OPEN' && routed !== 'QUALITY');
  if ((deskMay && hasAnyRole(user, DESK)) || (taken && hasAnyRole(user, [routed]))) steps.push('answer');
  if (complaint.status === 'ANSWERED' && hasAnyRole(user, DESK)) steps.push('close');
  return steps;
}

/** Who may file a complaint by hand. */
export function mayFile(user: SessionUser | null | undefined): boolean {
  return hasAnyRole(user, DESK);
}
