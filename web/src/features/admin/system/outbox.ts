// The outbox page's address: filters and page cursor.
import type { NotificationChannel, NotificationStatus } from '../../../gql/enums';

export interface OutboxView {
  status: NotificationStatus | null;
  channel: NotificationChannel | null;
  template: string;
  recipient: string;
  after: string | null;
}

const STATUSES: readonly NotificationStatus[] = ['PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED'];
const CHANNELS: readonly NotificationChannel[] = ['EMAIL', 'SMS'];

export function parseOutboxView(params: URLSearchParams): OutboxView {
  const status = params.get('status') as NotificationStatus | null;
  const channel = params.get('channel') as NotificationChannel | null;
  return {
    status: status && STATUSES.includes(status) ? status : null,
    channel: channel && CHANNELS.includes(channel) ? channel : null,
    template: (params.get('template') ?? '').trim(),
    recipient: (params.get('recipient') ?? '').trim(),
    after: params.get('after') || null,
  };
}

export function outboxViewToParams(view: OutboxView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status) params.set('status', view.status);
  if (view.channel) params.set('channel', view.channel);
  if (view.template) params.set('template', view.template);
  if (view.recipient) params.set('recipient', view.recipient);
  if (view.after) params.set('after', view.after);
  return params;
}

/** A filter change starts again at the first page. */
export function withFilter(view: OutboxView, change: Partial<Omit<OutboxView, 'after'>>): OutboxView {
  return { ...view, ...change, after: null };
}

/** The query's variables for a view. */
export function outboxVariables(view: OutboxView, first = 50) {
  return {
    first,
    after: view.after,
    filter: {
      status: view.status,
      channel: view.channel,
      template: view.template || null,
      recipient: view.recipient || null,
    },
  };
}
