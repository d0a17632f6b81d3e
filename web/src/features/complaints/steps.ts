// Which steps of a complaint the signed-in user is offered, by the API's
// role checks: the role it was routed to (or a service manager) takes it;
// its handler (who took it) or the desk answers it; the desk closes an
// answered one. A quality complaint is answered only once it has reached
// quality (taken): the desk does not answer around the routing. Another
// quality user than its handler may not answer it. The server checks again.
import type { ComplaintStatus, Role } from '../../gql/enums';
import { hasAnyRole, type SessionUser } from '../../app/session';

export type ComplaintStep = 'take' | 'answer' | 'close';

const DESK: readonly Role[] = ['AGENT', 'SERVICE_MANAGER'];

interface Complaint {
  status: ComplaintStatus;
  routedTo?: Role | null;
  /** Who took it. */
  handlerId?: string | null;
}

export function offeredSteps(complaint: Complaint, user: SessionUser | null | undefined): ComplaintStep[] {
  const routed = complaint.routedTo ?? 'SERVICE_MANAGER';
  const steps: ComplaintStep[] = [];
  if (complaint.status === 'OPEN' && hasAnyRole(user, [routed, 'SERVICE_MANAGER'])) steps.push('take');
  const taken = complaint.status === 'ROUTED';
  const deskMay = taken || (complaint.status === 'OPEN' && routed !== 'QUALITY');
  const handler = taken && !!user && complaint.handlerId === user.id;
  if ((deskMay && hasAnyRole(user, DESK)) || handler) steps.push('answer');
  if (complaint.status === 'ANSWERED' && hasAnyRole(user, DESK)) steps.push('close');
  return steps;
}

/** Who may file a complaint by hand. */
export function mayFile(user: SessionUser | null | undefined): boolean {
  return hasAnyRole(user, DESK);
}
