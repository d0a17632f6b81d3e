// A return visit's rules as the console needs them: where it stands against
// its deadline, when the customer counts as dissatisfied (the server then
// demands a complaint or a rework in the same step), and the mutation's
// input from the dialog's values.
import type { ComplaintCategory, Severity, VisitChannel } from '../../gql/enums';
import type { RecordVisitInput } from '../../gql/graphql';
import { countdown, type Countdown } from '../../components/countdown';

/** The API's "due": within this of the deadline (or past it). */
export const DUE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Satisfaction at or below this is dissatisfied (the API's rule). */
export const DISSATISFIED_AT_MOST = 2;

/** Where an open visit stands: past due, due within 24 h, or later; or made. */
export type VisitStanding = 'overdue' | 'due' | 'later' | 'done';

export function standing(visit: { dueAt: string; visitedAt?: string | null }, now: number): VisitStanding {
  if (visit.visitedAt) return 'done';
  const left = Date.parse(visit.dueAt) - now;
  if (left < 0) return 'overdue';
  return left <= DUE_WINDOW_MS ? 'due' : 'later';
}

/**
 * The countdown to a visit's deadline: amber once it is due (24 h left, as
 * the API's `due` filter says), red past it; a made visit shows whether it
 * was made in time.
 */
export function visitCountdown(visit: { dueAt: string; visitedAt?: string | null }, now: number): Countdown {
  const result = countdown(visit.dueAt, now, undefined, visit.visitedAt);
  if (result.urgency === 'ok' && result.leftMs <= DUE_WINDOW_MS) return { ...result, urgency: 'soon' };
  return result;
}

/** Dissatisfied: 2 or less, or not solved. */
export function dissatisfied(satisfaction: number | undefined, solved: boolean | undefined): boolean {
  return (satisfaction !== undefined && satisfaction <= DISSATISFIED_AT_MOST) || solved === false;
}

export type FollowUpChoice = 'complaint' | 'rework';

/** What the record-visit dialog holds. */
export interface VisitValues {
  channel?: VisitChannel;
  satisfaction?: number;
  solved?: boolean;
  comments?: string;
  followUp?: FollowUpChoice;
  category?: ComplaintCategory;
  severity?: Severity;
  description?: string;
  reason?: string;
  engineerId?: string | null;
}

/** The names the server's errors use for the dialog's fields (`extensions.field`, last segment). */
export const VISIT_FIELDS = [
  'channel',
  'satisfaction',
  'solved',
  'comments',
  'followUp',
  'category',
  'severity',
  'description',
  'reason',
  'engineerId',
] as const;

const blank = (text: string | undefined | null) => (text?.trim() ? text.trim() : null);

/** The input of `recordReturnVisit`: a follow-up only when dissatisfied, as the user chose it. */
export function recordInput(ticket: { id: string; version: number }, v: VisitValues): RecordVisitInput {
  const satisfaction = v.satisfaction ?? 0;
  const solved = v.solved ?? true;
  const followUp = !dissatisfied(satisfaction, solved)
    ? null
    : v.followUp === 'rework'
      ? { rework: { reason: (v.reason ?? '').trim(), engineerId: v.engineerId || null } }
      : {
          complaint: {
            category: v.category ?? 'SERVICE_ATTITUDE',
            severity: v.severity ?? 'GENERAL',
            description: (v.description ?? '').trim(),
          },
        };
  return {
    ticket: { id: ticket.id, version: ticket.version },
    channel: v.channel ?? 'PHONE',
    satisfaction,
    solved,
    comments: blank(v.comments),
    followUp,
  };
}

/** Who to call: the ticket's contact, else the customer's. */
export function contactOf(visit: {
  ticket?: { contactName?: string | null; contactPhone?: string | null } | null;
  customer?: { contactName?: string | null; phone?: string | null } | null;
}): { name: string | null; phone: string | null } {
  const phone = visit.ticket?.contactPhone || visit.customer?.phone || null;
  const name = visit.ticket?.contactPhone
    ? (visit.ticket.contactName ?? null)
    : (visit.customer?.contactName ?? visit.ticket?.contactName ?? null);
  return { name: name || null, phone };
}

/** A `tel:` link for a phone number as people write it (spaces, dashes dropped). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
