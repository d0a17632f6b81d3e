// What a complaint row shows, the same on a desk row, a phone card and the
// drawer: its state, its category, and the routing deadline counting down
// on the page's one clock.
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { formatDuration, URGENCY_COLOR } from '../../components/countdown';
import type { ComplaintCategory, ComplaintStatus } from '../../gql/enums';
import type { ComplaintItemFragment } from '../../gql/graphql';
import { complaintMessages } from './messages';
import { routeCountdown } from './routing';

const STATUS_COLOR: Record<ComplaintStatus, string> = {
  OPEN: 'gold',
  ROUTED: 'blue',
  ANSWERED: 'cyan',
  CLOSED: 'default',
};

const CATEGORY_COLOR: Record<ComplaintCategory, string> = {
  QUALITY: 'magenta',
  SERVICE_ATTITUDE: 'volcano',
  DELIVERY: 'geekblue',
  PRICE: 'purple',
};

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const t = useT(complaintMessages);
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="complaint-status" data-status={status}>
      {t(`status_${status}`)}
    </Tag>
  );
}

export function CategoryTag({ category }: { category: ComplaintCategory }) {
  const t = useT(complaintMessages);
  return <Tag color={CATEGORY_COLOR[category]}>{t(`category_${category}`)}</Tag>;
}

export const RouteCountdown = memo(function RouteCountdown({ complaint, now }: { complaint: ComplaintItemFragment; now: number }) {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const shown = routeCountdown(complaint, now);
  if (!shown) {
    return (
      <Typography.Text type="secondary" data-testid="complaint-route" data-urgency="none">
        {t('noDeadline')}
      </Typography.Text>
    );
  }
  const { urgency, leftMs } = shown;
  const text = complaint.routedAt
    ? t(urgency === 'late' ? 'reachedLate' : 'reachedInTime')
    : t(leftMs < 0 ? 'late' : 'left', { time: formatDuration(leftMs, locale) });
  return (
    <Tag
      data-testid="complaint-route"
      data-urgency={urgency}
      color={URGENCY_COLOR[urgency]}
      title={dayjs(complaint.routeDueAt).format('YYYY-MM-DD HH:mm')}
    >
      {text}
    </Tag>
  );
});
