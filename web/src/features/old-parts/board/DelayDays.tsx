// Delay days (延期天数) as the board shows them: red when the part counts as
// late, a quiet word otherwise.
import { Tag, Typography } from 'antd';
import { useT } from '../../../app/i18n';
import { boardMessages } from './messages';

interface Props {
  part: { delayDays: number; daysLate: number; mustReturn: boolean; delayReasonAccepted: boolean };
}

export function DelayDays({ part }: Props) {
  const t = useT(boardMessages);
  if (part.delayDays > 0) {
    return (
      <Tag color="red" data-testid="delay-days" data-days={part.delayDays} style={{ marginInlineEnd: 0 }}>
        {t('delayDaysValue', { days: part.delayDays })}
      </Tag>
    );
  }
  if (!part.mustReturn) return <Typography.Text type="secondary">{t('noReturn')}</Typography.Text>;
  if (part.daysLate > 0 && part.delayReasonAccepted) {
    return <Typography.Text type="warning">{t('lateExcused')}</Typography.Text>;
  }
  return <Typography.Text type="secondary">{t('onTime')}</Typography.Text>;
}
