// Each next step is one mutation: the modal's values become its input, with
// the ticket at the version read (the server refuses a stale one: CONFLICT).
import type { Client, OperationResult } from 'urql';
import type { Dayjs } from 'dayjs';
import type { ComplaintCategory, Exclusion, Severity, TicketAction, VisitChannel } from '../../../gql/enums';
import {
  AcceptQuoteDocument,
  AcceptTicketDocument,
  ApproveQuoteDocument,
  ArriveOnSiteDocument,
  CancelTicketDocument,
  CloseTicketDocument,
  CreateQuoteDocument,
  DispatchTicketDocument,
  RecordRepairDocument,
  RecordReturnVisitDocument,
  ResolveByGuidanceDocument,
  ReturnToFactoryDocument,
  ReworkTicketDocument,
  SignOffDocument,
  type TicketFullFragment,
} from '../../../gql/graphql';
import type { ActionForm } from './actions';

/** Everything any of the forms may hold. */
export interface ActionValues {
  // Triage.
  guidanceOnly?: boolean;
  exclusion?: Exclusion | null;
  note?: string;
  // Quote.
  parts?: { partId?: string; quantity?: number | null }[];
  labourHours?: string | null;
  discountPercent?: string | null;
  // Dispatch and rework.
  engineerId?: string | null;
  /** The rotation's suggestion the dispatch form started on. */
  suggestedEngineerId?: string | null;
  appointment?: Dayjs | null;
  // Reasons.
  reason?: string;
  // Engineer's steps.
  at?: Dayjs | null;
  arrivedAt?: Dayjs | null;
  faultCause?: string;
  measures?: string;
  signedBy?: string;
  // Return visit.
  channel?: VisitChannel;
  satisfaction?: number;
  solved?: boolean;
  comments?: string;
  followUp?: 'rework' | 'complaint';
  category?: ComplaintCategory;
  severity?: Severity;
  description?: string;
}

/** The input fields each form has, by the names the server's errors use. */
export const FORM_FIELDS: Record<ActionForm, readonly string[]> = {
  triage: ['guidanceOnly', 'exclusion', 'note'],
  // A problem with the lines (`parts`) shows above the form: a list has no single field.
  quote: ['labourHours', 'discountPercent'],
  dispatch: ['engineerId', 'appointment'],
  reason: ['reason'],
  rework: ['engineerId', 'reason'],
  visit: ['channel', 'satisfaction', 'solved', 'comments', 'followUp', 'reason', 'engineerId', 'category', 'severity', 'description'],
  repair: ['faultCause', 'measures', 'labourHours', 'arrivedAt'],
  signOff: ['signedBy'],
  arrive: ['at'],
  confirm: [],
};

const blank = (text: string | undefined | null) => (text?.trim() ? text.trim() : null);

/** Dissatisfied: 2 or less, or not solved (the server then needs a follow-up). */
export function dissatisfied(satisfaction: number | undefined, solved: boolean | undefined): boolean {
  return (satisfaction ?? 5) <= 2 || solved === false;
}

export function submitAction(
  client: Client,
  action: TicketAction,
  ticket: TicketFullFragment,
  v: ActionValues,
): Promise<OperationResult> {
  const ref = { id: ticket.id, version: ticket.version };
  const reasonInput = { ticket: ref, reason: (v.reason ?? '').trim() };
  switch (action) {
    case 'ACCEPT':
      return client
        .mutation(AcceptTicketDocument, {
          input: { ticket: ref, guidanceOnly: !!v.guidanceOnly, exclusion: v.exclusion ?? null, note: blank(v.note) },
        })
        .toPromise();
    case 'QUOTE':
      return client
        .mutation(CreateQuoteDocument, {
          input: {
            ticket: ref,
            parts: (v.parts ?? [])
              .filter((line) => line.partId)
              .map((line) => ({ partId: line.partId!, quantity: line.quantity ?? 1 })),
            labourHours: v.labourHours || '0',
            discountPercent: v.discountPercent || '0',
          },
        })
        .toPromise();
    case 'APPROVE_QUOTE':
      // The quote carries no version the API takes: it refuses one no longer waiting.
      return client.mutation(ApproveQuoteDocument, { quoteId: ticket.quote?.id ?? '' }).toPromise();
    case 'ACCEPT_QUOTE':
      return client.mutation(AcceptQuoteDocument, { input: ref }).toPromise();
    case 'DISPATCH':
      return client
        .mutation(DispatchTicketDocument, {
          input: { ticket: ref, engineerId: chosenEngineer(v), appointment: v.appointment?.toISOString() ?? '' },
        })
        .toPromise();
    case 'ARRIVE':
      return client.mutation(ArriveOnSiteDocument, { input: ref, at: v.at?.toISOString() ?? null }).toPromise();
    case 'REPAIR':
      return client
        .mutation(RecordRepairDocument, {
          input: {
            ticket: ref,
            arrivedAt: v.arrivedAt?.toISOString() ?? null,
            faultCause: (v.faultCause ?? '').trim(),
            measures: (v.measures ?? '').trim(),
            labourHours: v.labourHours || '0',
          },
        })
        .toPromise();
    case 'SIGN_OFF':
      return client.mutation(SignOffDocument, { input: ref, signedBy: (v.signedBy ?? '').trim() }).toPromise();
    case 'RESOLVE_BY_GUIDANCE':
      return client.mutation(ResolveByGuidanceDocument, { input: reasonInput }).toPromise();
    case 'VISIT': {
      const followUp = !dissatisfied(v.satisfaction, v.solved)
        ? null
        : v.followUp === 'complaint'
          ? {
              complaint: {
                category: v.category ?? 'SERVICE_ATTITUDE',
                severity: v.severity ?? 'GENERAL',
                description: (v.description ?? '').trim(),
              },
            }
          : { rework: { reason: (v.reason ?? '').trim(), engineerId: v.engineerId || null } };
      return client
        .mutation(RecordReturnVisitDocument, {
          input: {
            ticket: ref,
            channel: v.channel ?? 'PHONE',
            satisfaction: v.satisfaction ?? 5,
            solved: v.solved ?? true,
            comments: blank(v.comments),
            followUp,
          },
        })
        .toPromise();
    }
    case 'CLOSE':
      return client.mutation(CloseTicketDocument, { input: ref }).toPromise();
    case 'REWORK':
      return client
        .mutation(ReworkTicketDocument, {
          input: { ticket: ref, engineerId: v.engineerId || null, reason: (v.reason ?? '').trim() },
        })
        .toPromise();
    case 'RETURN_TO_FACTORY':
      return client.mutation(ReturnToFactoryDocument, { input: reasonInput }).toPromise();
    case 'CANCEL':
      return client.mutation(CancelTicketDocument, { input: reasonInput }).toPromise();
  }
}

/**
 * The engineer to name in a dispatch: none when the rotation's suggestion
 * was kept, so the server dispatches by the rotation and its turn moves on
 * (a named engineer is a manual assignment that leaves the rotation alone).
 */
export function chosenEngineer(values: Pick<ActionValues, 'engineerId' | 'suggestedEngineerId'>): string | null {
  if (!values.engineerId || values.engineerId === values.suggestedEngineerId) return null;
  return values.engineerId;
}
