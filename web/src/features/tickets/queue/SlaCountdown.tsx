// The deadline a ticket races now, counting down on the page's one clock:
// green, amber as it nears, red once passed (countdown.ts).
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { countdown, formatDuration, URGENCY_COLOR } from '../../../components/countdown';
import { nextDeadline, type DeadlineTicket } from './deadline';
import { queueMessages } from './messages';

interface Props {
  ticket: DeadlineTicket & { deadlines: { overdue: boolean } };
  /** The page's shared clock (clock.ts), passed down so rows need no timer. */
  now: number;
}

export const SlaCountdown = memo(function SlaCountdown({ ticket, now }: Props) {
  const t = useT(queueMessages);
  const { locale } = useLocale();
  const pending = nextDeadline(ticket);
  // A cancelled ticket owes nothing.
  if (!pending && ticket.status === 'CANCELLED') {
    return (
      <span data-testid="sla-countdown" data-urgency="done">
        —
      </span>
    );
  }
  if (!pending) {
    const missed = ticket.deadlines.overdue;
    return (
      <Tag data-testid="sla-countdown" data-urgency={missed ? 'late' : 'done'} color={missed ? 'red' : 'default'}>
        {t(missed ? 'missed' : 'kept')}
      </Tag>
    );
  }
  const { urgency, leftMs } = countdown(pending.dueAt, now, pending.startedAt);
  const time = formatDuration(leftMs, locale);
  return (
    <Tag
      data-testid="sla-countdown"
      data-urgency={urgency}
      color={URGENCY_COLOR[urgency]}
      title={dayjs(pending.dueAt).format('YYYY-MM-DD HH:mm')}
    >
      {t(pending.kind)} · {t(leftMs < 0 ? 'late' : 'left', { time })}
    </Tag>
  );
});
