// The forms of the steps that need a sentence or two: reasons, the return
// visit, and the engineer's steps offered here as plain forms.
import { DatePicker, Form, Input, InputNumber, Radio, Rate, Select, Switch, Typography } from 'antd';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { options, SEVERITY } from '../../../components/labels';
import type { ComplaintCategory, TicketAction, VisitChannel } from '../../../gql/enums';
import { RepairCausesDocument, ReworkEngineersDocument, type TicketFullFragment } from '../../../gql/graphql';
import type { ActionForm } from './actions';
import { EngineerSelect } from './EngineerSelect';
import { money } from './format';
import { ticketMessages } from './messages';
import { dissatisfied } from './submit';

const VISIT_CHANNELS: VisitChannel[] = ['PHONE', 'SMS', 'EMAIL', 'ON_SITE'];
const COMPLAINT_CATEGORIES: ComplaintCategory[] = ['DELIVERY', 'QUALITY', 'SERVICE_ATTITUDE', 'PRICE'];

function ReasonField({ guidance }: { guidance?: boolean }) {
  const t = useT(ticketMessages);
  return (
    <Form.Item name="reason" label={t(guidance ? 'reasonGuidance' : 'reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
      <Input.TextArea rows={3} maxLength={2000} data-testid="action-reason" />
    </Form.Item>
  );
}

function ReworkEngineerField() {
  const t = useT(ticketMessages);
  const [{ data, fetching }] = useQuery({ query: ReworkEngineersDocument });
  return (
    <Form.Item name="engineerId" label={t('reworkEngineer')}>
      <EngineerSelect engineers={data?.engineers.nodes ?? []} loading={fetching} testId="rework-engineer" />
    </Form.Item>
  );
}

/** The repair's cause from the catalogue (the server accepts only those), by the ticket's category. */
function FaultCauseField({ ticket }: { ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const [{ data, fetching }] = useQuery({ query: RepairCausesDocument, variables: { category: ticket.faultCategory } });
  return (
    <Form.Item name="faultCause" label={t('faultCause')} rules={[{ required: true, message: t('required') }]}>
      <Select
        data-testid="repair-cause"
        loading={fetching}
        showSearch={{ optionFilterProp: 'label' }}
        options={(data?.faultCauses ?? []).map((c) => ({ value: c.code, label: `${c.name} · ${c.code}` }))}
      />
    </Form.Item>
  );
}

function VisitFields() {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const satisfaction = Form.useWatch<number | undefined>('satisfaction');
  const solved = Form.useWatch<boolean | undefined>('solved');
  const followUp = Form.useWatch<'rework' | 'complaint' | undefined>('followUp');
  const unhappy = dissatisfied(satisfaction, solved);
  return (
    <>
      <Form.Item name="channel" label={t('visitChannel')} initialValue="PHONE">
        <Radio.Group optionType="button" options={VISIT_CHANNELS.map((c) => ({ value: c, label: t(`visit${c}`) }))} />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('satisfaction')} initialValue={5}>
        <Rate allowClear={false} />
      </Form.Item>
      <Form.Item name="solved" label={t('solved')} valuePropName="checked" initialValue={true}>
        <Switch />
      </Form.Item>
      <Form.Item name="comments" label={t('comments')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {unhappy && (
        <>
          <Form.Item name="followUp" label={t('followUp')} initialValue="rework">
            <Radio.Group
              options={[
                { value: 'rework', label: t('followUpRework') },
                { value: 'complaint', label: t('followUpComplaint') },
              ]}
            />
          </Form.Item>
          {followUp === 'complaint' ? (
            <>
              <Form.Item name="category" label={t('complaintCategory')} initialValue="SERVICE_ATTITUDE">
                <Select options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaint${c}`) }))} />
              </Form.Item>
              <Form.Item name="severity" label={t('complaintSeverity')} initialValue="GENERAL">
                <Select options={options(SEVERITY, locale)} />
              </Form.Item>
              <Form.Item name="description" label={t('complaintDescription')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <ReasonField />
              <ReworkEngineerField />
            </>
          )}
        </>
      )}
    </>
  );
}

function ConfirmText({ action, ticket }: { action: TicketAction; ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const quote = ticket.quote;
  const text =
    action === 'APPROVE_QUOTE' && quote
      ? t('approveQuoteText', { total: money(quote.total).slice(1), standard: money(quote.standardTotal).slice(1), discount: quote.discountPercent })
      : action === 'ACCEPT_QUOTE' && quote
        ? t('acceptQuoteText', { total: money(quote.total).slice(1) })
        : t('closeText', { number: ticket.number });
  return <Typography.Paragraph>{text}</Typography.Paragraph>;
}

export function SimpleFields({ form, action, ticket }: { form: ActionForm; action: TicketAction; ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const required = [{ required: true, whitespace: true, message: t('required') }];
  switch (form) {
    case 'reason':
      return <ReasonField guidance={action === 'RESOLVE_BY_GUIDANCE'} />;
    case 'rework':
      return (
        <>
          <ReasonField />
          <ReworkEngineerField />
        </>
      );
    case 'visit':
      return <VisitFields />;
    case 'arrive':
      return (
        <Form.Item name="at" label={t('arrivedAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'repair':
      return (
        <>
          <FaultCauseField ticket={ticket} />
          <Form.Item name="measures" label={t('measures')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="labourHours" label={t('labourHours')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber stringMode min="0" max="1000" step="0.5" precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="arrivedAt" label={t('arrivedAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </>
      );
    case 'signOff':
      return (
        <Form.Item
          name="signedBy"
          label={t('signedBy')}
          rules={required}
          initialValue={ticket.contactName ?? ticket.customer?.contactName ?? undefined}
        >
          <Input maxLength={100} />
        </Form.Item>
      );
    default:
      return <ConfirmText action={action} ticket={ticket} />;
  }
}
