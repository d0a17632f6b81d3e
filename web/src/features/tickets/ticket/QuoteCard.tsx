// The latest quote: where it stands (waiting for the general manager,
// approved, accepted by the customer), its figures and the parts it prices.
import { Alert, Descriptions, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useT } from '../../../app/i18n';
import type { QuoteStatus } from '../../../gql/enums';
import type { TicketFullFragment } from '../../../gql/graphql';
import { compare, divide, multiply, subtract } from '../../../components/decimal';
import { money, partLabel } from './format';
import { ticketMessages, type TicketMessageKey } from './messages';

type Quote = NonNullable<TicketFullFragment['quote']>;
type Line = Quote['lines'][number];

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

/** The parts lines: a table at the desk, stacked rows on a phone. */
function QuoteLines({ lines }: { lines: Line[] }) {
  const t = useT(ticketMessages);
  const phone = Grid.useBreakpoint().sm === false;
  if (lines.length === 0) {
    return <Typography.Text type="secondary">{t('noQuoteLines')}</Typography.Text>;
  }
  if (phone) {
    return (
      <Flex vertical data-testid="quote-lines">
        {lines.map((line, i) => (
          <Flex
            key={line.part?.id ?? i}
            vertical
            gap={2}
            data-testid="quote-line"
            style={{ paddingBlock: 8, borderTop: i ? '1px solid var(--ant-color-split)' : undefined }}
          >
            <Typography.Text strong>{line.part?.name ?? '—'}</Typography.Text>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {line.part?.partNumber} · {line.quantity} × {money(line.unitPrice)}
              </Typography.Text>
              <Typography.Text>{money(line.amount)}</Typography.Text>
            </Flex>
          </Flex>
        ))}
      </Flex>
    );
  }
  return (
    <Table<Line>
      data-testid="quote-lines"
      size="small"
      pagination={false}
      rowKey={(line) => line.part?.id ?? `${line.unitPrice}-${line.quantity}`}
      dataSource={lines}
      onRow={() => ({ 'data-testid': 'quote-line' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'part', title: t('part'), render: (_, line) => partLabel(line.part) },
        { key: 'quantity', title: t('quantity'), dataIndex: 'quantity', align: 'right', width: 72 },
        { key: 'unitPrice', title: t('unitPrice'), align: 'right', width: 120, render: (_, line) => money(line.unitPrice) },
        { key: 'amount', title: t('lineAmount'), align: 'right', width: 120, render: (_, line) => money(line.amount) },
      ]}
    />
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
      <Typography.Text strong style={{ display: 'block', marginTop: 12, marginBottom: 4 }}>
        {t('quoteLines')}
      </Typography.Text>
      <QuoteLines lines={quote.lines} />
    </>
  );
}
