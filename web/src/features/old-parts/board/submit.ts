// Each step is one mutation: the dialog's values become its input, with the
// old part at the version read (the server refuses a stale one: CONFLICT).
import type { Dayjs } from 'dayjs';
import type { Client, OperationResult } from 'urql';
import type { Disposition, DispositionReason, ResponsibilityOutcome } from '../../../gql/enums';
import {
  AcceptOldPartDelayDocument,
  CollectOldPartDocument,
  DetermineResponsibilityDocument,
  DisposeOldPartDocument,
  OpenDeterminationDocument,
  ReceiveOldPartDocument,
  ReplyOldPartDocument,
  ShipOldPartDocument,
  type OldPartFullFragment,
} from '../../../gql/graphql';
import type { Step } from './steps';

export interface StepValues {
  promisedOn?: Dayjs | null;
  reason?: string;
  on?: Dayjs | null;
  disposition?: Disposition;
  dispositionReason?: DispositionReason;
  remarks?: string;
  reviewedOn?: Dayjs | null;
  testedAbroad?: boolean;
  outcome?: ResponsibilityOutcome;
  supplierName?: string;
  claimAmount?: string;
  notes?: string;
}

/**
 * The form fields of each step, by the names the server's errors use
 * (`extensions.field`); the dialog maps them back to its own fields.
 */
export const STEP_FIELDS: Record<Step, readonly string[]> = {
  REPLY: ['promisedOn', 'reason'],
  ACCEPT_DELAY: [],
  COLLECT: ['collectedOn'],
  SHIP: ['shippedOn'],
  RECEIVE: ['receivedOn'],
  DISPOSE: ['disposition', 'reason', 'remarks'],
  OPEN_DETERMINATION: ['reviewedOn', 'testedAbroad'],
  DETERMINE: ['outcome', 'supplierName', 'claimAmount', 'notes'],
};

/** The server's field name → the dialog's (the date steps share one `on` field; dispose's reason is its own). */
export function formFieldOf(step: Step, field: string): keyof StepValues | undefined {
  if (step === 'COLLECT' || step === 'SHIP' || step === 'RECEIVE') return STEP_FIELDS[step].includes(field) ? 'on' : undefined;
  if (step === 'DISPOSE' && field === 'reason') return 'dispositionReason';
  return STEP_FIELDS[step].includes(field) ? (field as keyof StepValues) : undefined;
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const blank = (text: string | undefined | null) => (text?.trim() ? text.trim() : null);

export function submitStep(client: Client, step: Step, part: OldPartFullFragment, v: StepValues): Promise<OperationResult> {
  const ref = { id: part.id, version: part.version };
  switch (step) {
    case 'REPLY':
      return client
        .mutation(ReplyOldPartDocument, {
          input: { oldPart: ref, promisedOn: day(v.promisedOn) ?? '', reason: blank(v.reason) },
        })
        .toPromise();
    case 'ACCEPT_DELAY':
      return client.mutation(AcceptOldPartDelayDocument, { input: ref }).toPromise();
    case 'COLLECT':
      return client.mutation(CollectOldPartDocument, { input: { oldPart: ref, on: day(v.on) } }).toPromise();
    case 'SHIP':
      return client.mutation(ShipOldPartDocument, { input: { oldPart: ref, on: day(v.on) } }).toPromise();
    case 'RECEIVE':
      return client.mutation(ReceiveOldPartDocument, { input: { oldPart: ref, on: day(v.on) } }).toPromise();
    case 'DISPOSE':
      return client
        .mutation(DisposeOldPartDocument, {
          input: {
            oldPart: ref,
            disposition: v.disposition ?? 'RETURN',
            reason: v.dispositionReason ?? 'CLAIM_VALUE',
            remarks: blank(v.remarks),
          },
        })
        .toPromise();
    case 'OPEN_DETERMINATION':
      return client
        .mutation(OpenDeterminationDocument, {
          input: { oldPartId: part.id, reviewedOn: day(v.reviewedOn), testedAbroad: !!v.testedAbroad },
        })
        .toPromise();
    case 'DETERMINE': {
      const determination = part.determination;
      const supplier = v.outcome === 'SUPPLIER';
      return client
        .mutation(DetermineResponsibilityDocument, {
          input: {
            id: determination?.id ?? '',
            version: determination?.version ?? 0,
            outcome: v.outcome ?? 'NO_FAULT_FOUND',
            supplierName: supplier ? blank(v.supplierName) : null,
            claimAmount: supplier ? blank(v.claimAmount) : null,
            notes: blank(v.notes),
          },
        })
        .toPromise();
    }
  }
}
