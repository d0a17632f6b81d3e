// The whole story, oldest first: who did what, when and why.
import { Timeline, Typography } from 'antd';
import { useLocale, useT } from '../../../app/i18n';
import { TicketStatusTag } from '../../../components/TicketStatusTag';
import type { TicketFullFragment } from '../../../gql/graphql';
import { dateTime } from './format';
import { ticketMessages } from './messages';
import { readableReason } from './reasons';
import { chronological, eventKind, eventWords } from './timeline';

const COLOR: Partial<Record<ReturnType<typeof eventKind>, string>> = {
  CANCELLED: 'gray',
  CLOSED: 'gray',
  REWORK: 'red',
  RETURNED_TO_FACTORY: 'red',
  SIGNED_OFF: 'green',
  RESOLVED_BY_GUIDANCE: 'green',
  VISITED: 'green',
};

interface Props {
  events: TicketFullFragment['events'];
  /** Cause names by code: a repair's reason is its cause code. */
  causes?: ReadonlyMap<string, string>;
}

export function TicketTimeline({ events, causes }: Props) {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const items = chronological(events).map((event, index) => ({
    key: index,
    color: COLOR[eventKind(event.fromStatus, event.toStatus)] ?? 'blue',
    content: (
      <div data-testid="timeline-event">
        <Typography.Text strong>{eventWords(event.fromStatus, event.toStatus, locale)}</Typography.Text>{' '}
        <TicketStatusTag status={event.toStatus} />
        <div>
          <Typography.Text type="secondary">
            {dateTime(event.at)} · {event.actorName ?? t('system')}
          </Typography.Text>
        </div>
        {event.reason && <Typography.Paragraph style={{ margin: 0 }}>{causes?.get(event.reason) ?? readableReason(event.reason, locale)}</Typography.Paragraph>}
      </div>
    ),
  }));
  return (
    <div data-testid="ticket-timeline">
      <Timeline items={items} />
    </div>
  );
}
