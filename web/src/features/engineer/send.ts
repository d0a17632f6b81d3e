// One step of a job sent to the API: the same call whether the engineer is
// online now or the step waited in the outbox.
import type { Client } from 'urql';
import { problemsOf } from '../../components/errors';
import { JobArriveDocument, JobRecordRepairDocument, JobSignOffDocument } from '../../gql/graphql';
import type { OutboxAction, SendResult } from './outbox';

export async function sendAction(client: Client, ticketId: string, version: number, action: OutboxAction): Promise<SendResult> {
  const ticket = { id: ticketId, version };
  const options = { requestPolicy: 'network-only' as const };
  // A step that waited says when the engineer tapped, not when the phone
  // found a connection; a fresh one lets the server's clock say (a phone
  // clock a little ahead would otherwise put the step in the future).
  const at = Date.now() - Date.parse(action.at) > 2 * 60_000 ? action.at : null;
  let result;
  switch (action.kind) {
    case 'ARRIVE': {
      const r = await client.mutation(JobArriveDocument, { input: ticket, at }, options).toPromise();
      result = { error: r.error, job: r.data?.arriveOnSite.ticket };
      break;
    }
    case 'REPAIR': {
      const input = {
        ticket,
        completedAt: at,
        faultCause: action.faultCause,
        measures: action.measures,
        labourHours: action.labourHours,
        partsReplaced: action.parts.map(({ partId, quantity }) => ({ partId, quantity })),
      };
      const r = await client.mutation(JobRecordRepairDocument, { input }, options).toPromise();
      result = { error: r.error, job: r.data?.recordRepair.ticket };
      break;
    }
    case 'SIGN_OFF': {
      const r = await client.mutation(JobSignOffDocument, { input: ticket, signedBy: action.signedBy, signedAt: at }, options).toPromise();
      result = { error: r.error, job: r.data?.signOff.ticket };
      break;
    }
  }
  if (result.job && !result.error) return { ok: true, job: result.job };
  const problems = problemsOf(result.error);
  return { ok: false, problems: problems.length ? problems : [{ code: 'INTERNAL', detail: '' }] };
}
