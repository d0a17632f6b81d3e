// Live changes to jobs, fed into the Field. Subscribed in an effect, not
// through useSubscription's reducer: writing to the Field updates other
// components, which must not happen while React renders.
import { useEffect } from 'react';
import { useClient } from 'urql';
import { JobsChangedDocument, JobUpdatedDocument } from '../../gql/graphql';
import type { Field } from './field';

/** Every job change the engineer may see: the job list follows dispatches and hand-overs. */
export function useJobsFeed(field: Field, userId: string) {
  const client = useClient();
  useEffect(() => {
    const { unsubscribe } = client.subscription(JobsChangedDocument, {}).subscribe((result) => {
      const job = result.data?.ticketsChanged;
      if (job) void field.jobChanged(job, job.engineer?.id === userId);
    });
    return unsubscribe;
  }, [client, field, userId]);
}

/** Changes to one job (the desk may change it while the engineer looks at it). */
export function useJobFeed(field: Field, id: string) {
  const client = useClient();
  useEffect(() => {
    const { unsubscribe } = client.subscription(JobUpdatedDocument, { id }).subscribe((result) => {
      if (result.data) void field.saveJob(result.data.ticketUpdated);
    });
    return unsubscribe;
  }, [client, field, id]);
}
