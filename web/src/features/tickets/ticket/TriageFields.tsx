// Triage: the warranty or a contract decides the service type; an exclusion
// found now makes it paid; consultation only makes it guidance.
import { Alert, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { EXCLUSION, label, options, SERVICE_TYPE } from '../../../components/labels';
import type { Exclusion } from '../../../gql/enums';
import { TicketWarrantyDocument, type TicketFullFragment } from '../../../gql/graphql';
import { coverNote, type CoverNote } from '../../intake/warranty';
import { ticketMessages, type TicketMessageKey } from './messages';
import { triageServiceType } from './triage';

/** The API's explanation is English only: the same in the reader's words. */
function coverSentence(note: CoverNote, t: (key: TicketMessageKey, values?: Record<string, string>) => string): string {
  switch (note.kind) {
    case 'warranty':
      return t('coverWarranty', { date: note.until });
    case 'contract':
      return t('coverContract', { date: note.until });
    case 'notStarted':
      return t('coverNotStarted', { date: note.startsOn });
    case 'expired':
      return t('coverExpired', { date: note.endedOn });
    case 'noInvoice':
      return t('coverNoInvoice');
  }
}

export function TriageFields({ ticket }: { ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const serial = ticket.unit?.serialNumber ?? '';
  const [{ data, fetching }] = useQuery({
    query: TicketWarrantyDocument,
    variables: { serialNumber: serial },
    pause: !serial,
  });
  const warranty = data?.warrantyStatus;
  const exclusion = Form.useWatch<Exclusion | null | undefined>('exclusion');
  const guidanceOnly = Form.useWatch<boolean | undefined>('guidanceOnly');
  const decided = triageServiceType(warranty?.serviceType, exclusion, guidanceOnly);
  return (
    <>
      {fetching && <Typography.Text type="secondary">{t('warrantyChecking')}</Typography.Text>}
      {warranty && (
        <Alert
          type={warranty.covered ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t('warrantyDecides')}
              <Tag>{label(SERVICE_TYPE, warranty.serviceType, locale)}</Tag>
            </>
          }
          description={coverSentence(coverNote(warranty), t)}
        />
      )}
      <Form.Item name="exclusion" label={t('exclusion')} extra={t('exclusionMakesPaid')} initialValue={warranty?.exclusion ?? null}>
        <Select
          data-testid="triage-exclusion"
          allowClear
          placeholder={t('exclusionPlaceholder')}
          options={options(EXCLUSION, locale)}
        />
      </Form.Item>
      <Form.Item name="guidanceOnly" label={t('guidanceOnly')} valuePropName="checked" initialValue={false}>
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t('resultingServiceType')}>
        <span data-testid="triage-service-type">
          {decided ? <Tag color={decided === 'PAID' ? 'gold' : 'blue'}>{label(SERVICE_TYPE, decided, locale)}</Tag> : '—'}
        </span>
      </Form.Item>
    </>
  );
}
