// The latest quote: where it stands (waiting for the general manager,
// approved, accepted by the customer) and its figures.
import { Alert, Descriptions, Tag } from 'antd';
import { useT } from '../../../app/i18n';
import type { QuoteStatus } from '../../../gql/enums';
import type { TicketFullFragment } from '../../../gql/graphql';
import { compare, divide, multiply, subtract } from './decimal';
import { money } from './format';
import { ticketMessages, type TicketMessageKey } from './messages';

type Quote = NonNullable<TicketFullFragment['quote']>;

const STATUS: Record<QuoteStatus, [TicketMessageKey, string]> = {
  DRAFT: ['quoteDraft', 'default'],
  PENDING_APPROVAL: ['quotePending', 'orange'],
  APPROVED: ['quoteApproved', 'blue'],
  ACCEPTED: ['quoteAccepted', 'green'],
  REJECTED: ['quoteRejected', 'default'],
};

/** Quoted against standard in percent, negative below. */
function deviation(quote: Quote): string {
  if (compare(quote.standardTotal, '0') === 0) return '0.00';
  return divide(multiply(subtract(quote.total, quote.standardTotal), '100'), quote.standardTotal, 2);
}

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const t = useT(ticketMessages);
  const [key, color] = STATUS[status];
  return (
    <Tag color={color} data-testid="quote-status">
      {t(key)}
    </Tag>
  );
}

export function QuoteCard({ quote }: { quote: Quote }) {
  const t = useT(ticketMessages);
  return (
    <>
      {quote.status === 'PENDING_APPROVAL' && <Alert type="warning" showIcon title={t('needsApproval')} style={{ marginBottom: 12 }} />}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'status', label: t('quote'), children: <QuoteStatusTag status={quote.status} /> },
          { key: 'total', label: t('quoteTotal'), children: <strong>{money(quote.total)}</strong> },
          { key: 'standard', label: t('quoteStandard'), children: money(quote.standardTotal) },
          { key: 'deviation', label: t('quoteDeviation'), children: `${deviation(quote)} %` },
          { key: 'parts', label: t('quoteParts'), children: money(quote.partsAmount) },
          {
            key: 'labour',
            label: t('quoteLabour'),
            children: `${money(quote.labourAmount)} · ${t('hours', { hours: quote.labourHours, rate: quote.labourRate })}`,
          },
          { key: 'travel', label: t('quoteTravel'), children: money(quote.travelAmount) },
          { key: 'discount', label: t('quoteDiscount'), children: `${quote.discountPercent} %` },
        ]}
      />
    </>
  );
}
