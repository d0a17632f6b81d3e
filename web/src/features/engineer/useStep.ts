// Taking a step on a job: sent at once when online (so a refusal shows next
// to the field at once), into the outbox when offline, when the connection
// drops on the way, or when earlier steps of the job still wait (order matters).
import { App } from 'antd';
import { useCallback } from 'react';
import { useClient } from 'urql';
import { useT } from '../../app/i18n';
import type { Problem } from '../../components/errors';
import type { Field } from './field';
import { engineerMessages } from './messages';
import type { Job, OutboxAction } from './outbox';
import { sendAction } from './send';

export function useStep(field: Field, onSync: () => void) {
  const client = useClient();
  const { message } = App.useApp();
  const t = useT(engineerMessages);
  /** Takes the step on the job as the server knows it; the problems when refused. */
  return useCallback(
    async (job: Job, action: OutboxAction): Promise<Problem[]> => {
      const queue = async () => {
        await field.enqueue(job, action);
        message.info(t('queued'));
        onSync();
        return [];
      };
      if (!navigator.onLine || field.hasQueue(job.id)) return queue();
      const result = await sendAction(client, job.id, job.version, action);
      if (result.ok) {
        await field.saveJob(result.job);
        return [];
      }
      if (result.problems.some((p) => p.code === 'NETWORK')) return queue();
      return result.problems;
    },
    [client, field, message, onSync, t],
  );
}
