// The next steps an old part allows, for the signed-in user: the same rules
// the API applies (who may take a step, from which state), so the page offers
// only what the server would accept. The server still decides.
import type { Disposition, DispositionReason, OldPartStatus, Role } from '../../../gql/enums';

export type Step =
  | 'REPLY'
  | 'ACCEPT_DELAY'
  | 'COLLECT'
  | 'SHIP'
  | 'RECEIVE'
  | 'DISPOSE'
  | 'OPEN_DETERMINATION'
  | 'DETERMINE';

export interface StepPart {
  status: OldPartStatus;
  mustReturn: boolean;
  delayReason?: string | null;
  delayReasonAccepted: boolean;
  engineer?: { id: string } | null;
  determination?: { outcome?: string | null } | null;
}

export interface StepUser {
  id: string;
  roles: readonly Role[];
}

const STILL_OUT: readonly OldPartStatus[] = ['PENDING', 'REPLIED'];

function has(user: StepUser, ...roles: Role[]): boolean {
  return user.roles.includes('ADMIN') || user.roles.some((role) => roles.includes(role));
}

/** The steps `user` may take on `part` now, in the order the work goes. */
export function stepsFor(part: StepPart, user: StepUser): Step[] {
  const steps: Step[] = [];
  const manager = has(user, 'SERVICE_MANAGER');
  const ownEngineer = user.roles.includes('ENGINEER') && part.engineer?.id === user.id;
  if (STILL_OUT.includes(part.status) && (manager || ownEngineer)) steps.push('REPLY');
  if (
    manager &&
    part.delayReason &&
    !part.delayReasonAccepted &&
    ['REPLIED', 'COLLECTED', 'SHIPPED', 'RECEIVED'].includes(part.status)
  ) {
    steps.push('ACCEPT_DELAY');
  }
  if (has(user, 'WAREHOUSE')) {
    if (STILL_OUT.includes(part.status)) steps.push('COLLECT');
    if (part.status === 'COLLECTED') steps.push('SHIP');
    if (part.status === 'SHIPPED') steps.push('RECEIVE');
  }
  if (has(user, 'SERVICE_MANAGER', 'QUALITY') && part.status !== 'DISPOSED') steps.push('DISPOSE');
  if (has(user, 'QUALITY')) {
    if (!part.determination) steps.push('OPEN_DETERMINATION');
    else if (!part.determination.outcome) steps.push('DETERMINE');
  }
  return steps;
}

/** The regulation's reasons for each disposition (the API refuses any other pairing). */
export const REASONS_FOR: Record<Disposition, readonly DispositionReason[]> = {
  RETURN: ['CLAIM_VALUE', 'REUSABLE', 'TECHNICAL_RECTIFICATION'],
  LOCAL_SALE: ['NO_CLAIM_OR_REUSE_VALUE', 'RETURN_COSTS_MORE'],
  LOCAL_DESTROY: ['NO_SALE_VALUE'],
  GIFT: ['LITTLE_OR_NO_VALUE'],
};

/**
 * The dispositions open to a part: one that must come back is sold,
 * destroyed or given away only once head office has received it.
 */
export function dispositionsFor(part: Pick<StepPart, 'mustReturn' | 'status'>): Disposition[] {
  if (part.mustReturn && part.status !== 'RECEIVED') return ['RETURN'];
  return ['RETURN', 'LOCAL_SALE', 'LOCAL_DESTROY', 'GIFT'];
}

/** A promised date after the due date needs a reason (and tells the service managers). */
export function replyNeedsReason(dueOn: string, promisedOn: string | null | undefined): boolean {
  return !!promisedOn && promisedOn > dueOn;
}
