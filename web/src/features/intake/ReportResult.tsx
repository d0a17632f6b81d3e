// After the report: the ticket number and the two promises, worded to be
// read out to the customer on the phone.
import { Alert, Button, Descriptions, Result } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useLocale, useT, type Locale } from '../../app/i18n';
import { useNow } from '../../components/clock';
import { formatDuration } from '../../components/countdown';
import type { IntakeReportFaultMutation } from '../../gql/graphql';
import { intakeMessages } from './messages';

export type ReportedTicket = IntakeReportFaultMutation['reportFault']['ticket'];

function spoken(at: string, locale: Locale): string {
  return dayjs(at).format(locale === 'zh' ? 'M月D日 HH:mm' : 'MMM D, HH:mm');
}

export function ReportResult({ ticket, onAnother, phone }: { ticket: ReportedTicket; onAnother: () => void; phone: boolean }) {
  const t = useT(intakeMessages);
  const { locale } = useLocale();
  const now = useNow();
  const navigate = useNavigate();
  const due = (at: string) => {
    const left = Date.parse(at) - now;
    const relative = t(left >= 0 ? 'fromNow' : 'ago', { time: formatDuration(left, locale) });
    const absolute = dayjs(at).format('YYYY-MM-DD HH:mm');
    return locale === 'zh' ? `${absolute}（${relative}）` : `${absolute} (${relative})`;
  };
  const { replyDueAt, arrivalDueAt } = ticket.deadlines;
  return (
    <Result
      style={phone ? { padding: '16px 0' } : undefined}
      status="success"
      title={t('reported')}
      subTitle={
        <span style={{ fontSize: 20 }}>
          {t('ticketNumber')}{' '}
          <Link data-testid="report-number" to={`/tickets/${ticket.id}`} style={{ fontWeight: 600 }}>
            {ticket.number}
          </Link>
        </span>
      }
      extra={[
        <Button key="open" type="primary" data-testid="report-open-ticket" onClick={() => navigate(`/tickets/${ticket.id}`)}>
          {t('openTicket')}
        </Button>,
        <Button key="another" data-testid="report-another" onClick={onAnother}>
          {t('another')}
        </Button>,
      ]}
    >
      <Descriptions column={1} size="small" bordered layout={phone ? 'vertical' : 'horizontal'}>
        <Descriptions.Item label={t('replyDue')}>
          <span data-testid="report-reply-due">{due(replyDueAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('onsiteDue')}>
          <span data-testid="report-onsite-due">{due(arrivalDueAt)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Alert
        style={{ marginTop: 16 }}
        type="info"
        title={t('readOut', {
          number: ticket.number,
          reply: spoken(replyDueAt, locale),
          onsite: spoken(arrivalDueAt, locale),
        })}
      />
    </Result>
  );
}
