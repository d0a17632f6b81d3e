// The on-site deadline as a tag that turns amber as it nears and red once
// missed; after arrival it says whether the engineer made it.
import { Tag } from 'antd';
import { useLocale, useT } from '../../app/i18n';
import { useNow } from '../../components/clock';
import { countdown, formatDuration, URGENCY_COLOR } from '../../components/countdown';
import { engineerMessages } from './messages';
import type { Job } from './outbox';

export function JobCountdown({ job }: { job: Job }) {
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  const now = useNow();
  const { arrivalDueAt, arrivedAt } = job.deadlines;
  const { urgency, leftMs } = countdown(arrivalDueAt, now, job.reportedAt, arrivedAt);
  const time = formatDuration(leftMs, locale);
  let text: string;
  if (arrivedAt) text = urgency === 'late' ? t('arrivedLate', { time }) : t('arrivedInTime');
  else text = urgency === 'late' ? t('overdueBy', { time }) : t('dueIn', { time });
  return (
    <Tag color={URGENCY_COLOR[urgency]} data-testid="job-countdown" style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
}
