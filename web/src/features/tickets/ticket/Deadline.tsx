// A deadline as a countdown tag: green, amber as it nears, red once missed;
// it stops when met.
import { Tag, Tooltip } from 'antd';
import { useLocale, useT } from '../../../app/i18n';
import { useNow } from '../../../components/clock';
import { countdown, formatDuration, URGENCY_COLOR } from '../../../components/countdown';
import { dateTime } from './format';
import { ticketMessages } from './messages';

interface Props {
  dueAt: string;
  startedAt: string;
  metAt?: string | null;
  testId?: string;
}

export function Deadline({ dueAt, startedAt, metAt, testId }: Props) {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const now = useNow();
  const { urgency, leftMs } = countdown(dueAt, now, startedAt, metAt);
  const time = formatDuration(leftMs, locale);
  const text = metAt
    ? urgency === 'late'
      ? t('metLate', { time })
      : t('metInTime')
    : urgency === 'late'
      ? t('overdueBy', { time })
      : t('left', { time });
  return (
    <Tooltip title={dateTime(dueAt)}>
      <Tag color={URGENCY_COLOR[urgency]} data-testid={testId}>
        {text}
      </Tag>
    </Tooltip>
  );
}
