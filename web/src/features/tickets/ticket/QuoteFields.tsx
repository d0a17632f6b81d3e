// The quote form: lines from the price list, labour hours, a discount; the
// standard total, the quoted total and its deviation update as the desk
// types, with the general manager's approval flagged beyond 10 % below.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Form, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useQuery } from 'urql';
import { useT } from '../../../app/i18n';
import { QuotePartsDocument, QuotePricesDocument, type QuotePartsQuery, type TicketFullFragment } from '../../../gql/graphql';
import { cents, isDecimal, multiply } from '../../../components/decimal';
import { money } from './format';
import { ticketMessages } from './messages';
import { priceQuote, quoteStart } from './quote';

type Part = QuotePartsQuery['parts']['nodes'][number];
type Line = { partId?: string; quantity?: number | null };

function partLabel(part: Part): string {
  return `${part.name} · ${part.partNumber} · ${money(part.unitPrice)}`;
}

interface PartSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  picked?: Part;
  onPick: (part: Part) => void;
  testId: string;
}

/** A part from the price list, searched on the server by name or number. */
function PartSelect({ value, onChange, picked, onPick, testId }: PartSelectProps) {
  const t = useT(ticketMessages);
  const [search, setSearch] = useState('');
  const [{ data, fetching }] = useQuery({ query: QuotePartsDocument, variables: { search: search.trim() || null } });
  const found = data?.parts.nodes ?? [];
  const parts = picked && !found.some((p) => p.id === picked.id) ? [picked, ...found] : found;
  return (
    <Select
      data-testid={testId}
      value={value}
      placeholder={t('partPlaceholder')}
      // The server searches; the label filter also hides the last search's
      // results while the next one is on its way.
      showSearch={{ onSearch: setSearch, optionFilterProp: 'label' }}
      loading={fetching}
      options={parts.map((p) => ({ value: p.id, label: partLabel(p) }))}
      onChange={(id: string | undefined) => {
        const part = parts.find((p) => p.id === id);
        if (part) onPick(part);
        onChange?.(id);
      }}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

export function QuoteFields({ ticket }: { ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  // A quote again starts from the last one.
  const [start] = useState(() => quoteStart(ticket.quote));
  const [picked, setPicked] = useState<Record<string, Part>>(start.parts);
  const [{ data: prices }] = useQuery({ query: QuotePricesDocument });
  const today = dayjs().format('YYYY-MM-DD');
  // Newest first: the first in force today.
  const tariff = prices?.serviceTariffs.find((tariff) => tariff.effectiveFrom <= today);
  const lines = Form.useWatch<Line[] | undefined>('parts') ?? [];
  const labourHours = Form.useWatch<string | null | undefined>('labourHours');
  const discountPercent = Form.useWatch<string | null | undefined>('discountPercent');
  const distanceKm = ticket.customer?.distanceKm ?? 0;
  const figures = priceQuote({
    lines: lines
      .filter((line) => line?.partId && picked[line.partId])
      .map((line) => ({ unitPrice: picked[line.partId!]!.unitPrice, quantity: line.quantity ?? 0 })),
    labourHours: labourHours ?? '0',
    labourRate: tariff?.labourRate ?? '0',
    distanceKm,
    travelRatePerKm: tariff?.travelRatePerKm ?? '0',
    discountPercent: discountPercent ?? '0',
    serviceType: ticket.serviceType,
  });
  const lineAmount = (line: Line | undefined) => {
    const part = line?.partId ? picked[line.partId] : undefined;
    return part && line?.quantity ? money(cents(multiply(part.unitPrice, String(line.quantity)))) : '—';
  };
  const decimalRule = { validator: (_: unknown, v: unknown) => (v == null || v === '' || isDecimal(String(v)) ? Promise.resolve() : Promise.reject(new Error(t('required')))) };

  return (
    <>
      <Typography.Text strong>{t('quoteParts')}</Typography.Text>
      <Form.List name="parts" initialValue={start.lines}>
        {(fields, { add, remove }) => (
          <div className="quote-lines">
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start" wrap className="quote-line" style={{ borderBottom: "1px dashed #f0f0f0", marginBottom: 8 }}>
                <Form.Item name={[field.name, 'partId']} style={{ flex: '1 1 260px', minWidth: 0, marginBottom: 8 }}>
                  <PartSelect
                    testId={index === 0 ? 'quote-part' : `quote-part-${index}`}
                    picked={lines[index]?.partId ? picked[lines[index]!.partId!] : undefined}
                    onPick={(part) => setPicked((prev) => ({ ...prev, [part.id]: part }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} style={{ marginBottom: 8 }}>
                  <InputNumber
                    min={1}
                    max={10000}
                    precision={0}
                    style={{ width: 88 }}
                    prefix={<Typography.Text type="secondary">×</Typography.Text>}
                    data-testid={index === 0 ? 'quote-quantity' : `quote-quantity-${index}`}
                  />
                </Form.Item>
                <Typography.Text style={{ minWidth: 96, lineHeight: '32px', textAlign: 'right' }} data-testid={`quote-line-amount-${index}`}>
                  {lineAmount(lines[index])}
                </Typography.Text>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('removeLine')}
                  onClick={() => remove(field.name)}
                  disabled={fields.length === 1 && index === 0 && !lines[0]?.partId}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} style={{ marginBottom: 16 }} data-testid="quote-add-line">
              {t('addLine')}
            </Button>
          </div>
        )}
      </Form.List>
      <Flex gap={16} wrap>
        <Form.Item
          name="labourHours"
          label={t('labourHours')}
          extra={tariff ? t('labourRate', { rate: tariff.labourRate }) : undefined}
          initialValue={start.labourHours}
          rules={[decimalRule]}
          style={{ flex: '1 1 180px' }}
        >
          <InputNumber stringMode min="0" max="1000" step="0.5" precision={2} style={{ width: '100%' }} data-testid="quote-labour" />
        </Form.Item>
        <Form.Item
          name="discountPercent"
          label={t('discountPercent')}
          initialValue={start.discountPercent}
          rules={[decimalRule]}
          style={{ flex: '1 1 180px' }}
        >
          <InputNumber stringMode min="0" max="100" step="1" precision={2} suffix="%" style={{ width: '100%' }} data-testid="quote-discount" />
        </Form.Item>
      </Flex>
      {!tariff && prices && <Alert type="info" showIcon title={t('noTariff')} style={{ marginBottom: 12 }} />}
      {ticket.serviceType === 'CONTRACT' && <Typography.Paragraph type="secondary">{t('contractPartsOnly')}</Typography.Paragraph>}
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'parts', label: t('quoteParts'), children: money(figures.parts) },
          { key: 'labour', label: t('quoteLabour'), children: money(figures.labour) },
          {
            key: 'travel',
            label: t('quoteTravel'),
            children: (
              <>
                {money(figures.travel)}{' '}
                {tariff && (
                  <Typography.Text type="secondary">{t('travel', { km: distanceKm * 2, rate: tariff.travelRatePerKm })}</Typography.Text>
                )}
              </>
            ),
          },
          { key: 'standard', label: t('standardTotal'), children: <span data-testid="quote-standard-total">{money(figures.standardTotal)}</span> },
          { key: 'total', label: t('quotedTotal'), children: <strong data-testid="quote-total">{money(figures.total)}</strong> },
          { key: 'deviation', label: t('deviation'), children: <span data-testid="quote-deviation">{figures.deviationPercent} %</span> },
        ]}
      />
      {figures.needsApproval && (
        <Alert type="warning" showIcon title={t('needsApproval')} style={{ marginTop: 12 }} data-testid="quote-needs-approval" />
      )}
    </>
  );
}
