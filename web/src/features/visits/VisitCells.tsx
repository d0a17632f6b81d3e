// What a work-list row shows, the same on a desk row and a phone card: the
// deadline counting down on the page's one clock, who to call, the outcome.
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { formatDuration, URGENCY_COLOR } from '../../components/countdown';
import type { WorkVisitFragment } from '../../gql/graphql';
import { visitMessages } from './messages';
import { contactOf, telHref, visitCountdown } from './visit';

export const VisitDeadline = memo(function VisitDeadline({ visit, now }: { visit: WorkVisitFragment; now: number }) {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const { urgency, leftMs } = visitCountdown(visit, now);
  const time = formatDuration(leftMs, locale);
  const text = visit.visitedAt
    ? t(urgency === 'late' ? 'madeLate' : 'madeInTime')
    : t(leftMs < 0 ? 'late' : 'left', { time });
  return (
    <Tag
      data-testid="visit-deadline"
      data-urgency={urgency}
      color={URGENCY_COLOR[urgency]}
      title={dayjs(visit.dueAt).format('YYYY-MM-DD HH:mm')}
    >
      {text}
    </Tag>
  );
});

export function VisitContact({ visit }: { visit: WorkVisitFragment }) {
  const t = useT(visitMessages);
  const { name, phone } = contactOf(visit);
  if (!phone) {
    return <Typography.Text type="secondary">{name ? `${name} · ${t('noPhone')}` : t('noPhone')}</Typography.Text>;
  }
  return (
    <span>
      {name && <span className="visits-secondary">{name} </span>}
      <a href={telHref(phone)} data-testid="visit-call" aria-label={t('call', { phone })}>
        <PhoneOutlined /> {phone}
      </a>
    </span>
  );
}

export function VisitOutcome({ visit }: { visit: WorkVisitFragment }) {
  const t = useT(visitMessages);
  if (!visit.visitedAt) return null;
  const unhappy = (visit.satisfaction ?? 5) <= 2 || visit.solved === false;
  return (
    <span data-testid="visit-outcome">
      <Tag color={unhappy ? 'red' : 'green'}>
        {t('score', { score: visit.satisfaction ?? '—' })} · {t(visit.solved ? 'solvedYes' : 'solvedNo')}
      </Tag>
      {visit.followUp === 'COMPLAINT' && <Tag color="volcano">{t('followUp_COMPLAINT')}</Tag>}
      {visit.followUp === 'REWORK' && <Tag color="orange">{t('followUp_REWORK')}</Tag>}
    </span>
  );
}

/** The row's one action: record the visit, when the ticket is waiting for it. */
export function RecordButton({
  visit,
  onRecord,
  block,
}: {
  visit: WorkVisitFragment;
  onRecord: (visit: WorkVisitFragment) => void;
  block?: boolean;
}) {
  const t = useT(visitMessages);
  if (visit.visitedAt) return null;
  const ready = visit.ticket?.allowedActions.includes('VISIT') ?? false;
  const why = !visit.ticket ? t('careGap') : ready ? null : t('cannotRecord');
  const button = (
    <Button
      type="primary"
      size="small"
      block={block}
      disabled={!ready}
      data-testid="visit-record"
      onClick={() => onRecord(visit)}
    >
      {t('record')}
    </Button>
  );
  return why ? <Tooltip title={why}>{button}</Tooltip> : button;
}
