// The ticket's facts: what is wrong with which unit of whose, who works on it
// and how much time is left.
import { Descriptions, Flex, Tag, Typography, type DescriptionsProps } from 'antd';
import { useLocale, useT } from '../../../app/i18n';
import { CHANNEL, EXCLUSION, FAULT_CATEGORY, label, SERVICE_TYPE, SEVERITY } from '../../../components/labels';
import type { TicketFullFragment } from '../../../gql/graphql';
import { Deadline } from './Deadline';
import { dateTime } from './format';
import { ticketMessages } from './messages';
import { readableNote } from './reasons';

const SEVERITY_COLOR = { SEVERE: 'red', MAJOR: 'orange', GENERAL: 'default' } as const;

export function SeverityTag({ severity }: { severity: TicketFullFragment['severity'] }) {
  const { locale } = useLocale();
  return <Tag color={SEVERITY_COLOR[severity]}>{label(SEVERITY, severity, locale)}</Tag>;
}

export function TicketFacts({ ticket }: { ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const { deadlines, customer, unit, engineer } = ticket;
  const contact = [ticket.contactName ?? customer?.contactName, ticket.contactPhone ?? customer?.phone, ticket.contactEmail]
    .filter(Boolean)
    .join(' · ');
  const guidance = ticket.serviceType === 'OTHER';
  // A cancelled ticket owes nothing: a deadline it had not met stops counting.
  const deadline = (dueAt: string, metAt: string | null | undefined, testId: string) =>
    ticket.status === 'CANCELLED' && !metAt ? (
      <Typography.Text type="secondary">{t('notDue')}</Typography.Text>
    ) : (
      <Deadline dueAt={dueAt} startedAt={ticket.reportedAt} metAt={metAt} testId={testId} />
    );
  const items: DescriptionsProps['items'] = [
    {
      key: 'serviceType',
      label: t('serviceType'),
      children: ticket.serviceType ? (
        <Flex gap={4} wrap>
          <Tag color={ticket.serviceType === 'PAID' ? 'gold' : 'blue'}>{label(SERVICE_TYPE, ticket.serviceType, locale)}</Tag>
          {ticket.exclusion && <Tag>{label(EXCLUSION, ticket.exclusion, locale)}</Tag>}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('undecided')}</Typography.Text>
      ),
    },
    { key: 'severity', label: t('severity'), children: <SeverityTag severity={ticket.severity} /> },
    ...(ticket.entitlementNote
      ? [{ key: 'note', label: t('entitlementNote'), span: 'filled' as const, children: readableNote(ticket.entitlementNote, locale) }]
      : []),
    {
      key: 'fault',
      label: t('fault'),
      span: 'filled' as const,
      children: (
        <>
          <Tag>{label(FAULT_CATEGORY, ticket.faultCategory, locale)}</Tag>
          {ticket.faultDescription}
        </>
      ),
    },
    { key: 'serial', label: t('serial'), children: unit?.serialNumber ?? '—' },
    { key: 'model', label: t('model'), children: unit?.model ? `${unit.model.code} ${unit.model.name}` : '—' },
    {
      key: 'customer',
      label: t('customer'),
      children: customer ? `${customer.name} · ${customer.province}` : '—',
    },
    { key: 'contact', label: t('contact'), children: contact || '—' },
    {
      key: 'engineer',
      label: t('engineer'),
      children: engineer ? (
        <span data-testid="ticket-engineer">{[engineer.displayName, engineer.phone].filter(Boolean).join(' · ')}</span>
      ) : (
        <Typography.Text type="secondary">{t('notDispatched')}</Typography.Text>
      ),
    },
    ...(ticket.appointmentAt ? [{ key: 'appointment', label: t('appointment'), children: dateTime(ticket.appointmentAt) }] : []),
    { key: 'channel', label: t('channel'), children: label(CHANNEL, ticket.channel, locale) },
    { key: 'reportedAt', label: t('reportedAt'), children: dateTime(ticket.reportedAt) },
    {
      key: 'reply',
      label: t('replyDeadline'),
      children: deadline(deadlines.replyDueAt, deadlines.repliedAt, 'deadline-reply'),
    },
    {
      key: 'arrival',
      label: t('arrivalDeadline'),
      children: guidance ? (
        <Typography.Text type="secondary">{t('noSiteVisit')}</Typography.Text>
      ) : (
        deadline(deadlines.arrivalDueAt, deadlines.arrivedAt, 'deadline-arrival')
      ),
    },
    ...(ticket.reworkCount > 0 ? [{ key: 'rework', label: t('reworkCount'), children: ticket.reworkCount }] : []),
    ...(ticket.returnSlipNumber ? [{ key: 'slip', label: t('returnSlip'), children: ticket.returnSlipNumber }] : []),
  ];
  return <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />;
}
