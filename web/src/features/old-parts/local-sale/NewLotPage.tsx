// "New lot": the province, one specification's old parts (whole), the
// market price, the weight, the agreed price and at least three buyers'
// quotes. The floor, the percent of market and the approval level are shown
// while the form is filled in; the server's own figures follow on the lot's
// page after submitting.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Grid, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useClient } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { isDecimal, money } from '../../../components/decimal';
import { problemsOf, sentence, splitByField } from '../../../components/errors';
import { CreateLocalSaleDocument } from '../../../gql/graphql';
import { bySpecification, catalogueWeight, isRemote, lotFigures, MIN_QUOTES, type LotFigures } from './figures';
import { saleMessages } from './messages';
import { provinceOptions } from '../../../components/provinces';
import { useCandidates } from './useCandidates';

interface QuoteValues {
  buyerName?: string;
  price?: string;
  quotedOn?: Dayjs;
}

interface Values {
  province?: string;
  partId?: string;
  oldPartIds?: string[];
  marketPricePerKg?: string;
  totalWeightKg?: string;
  salePrice?: string;
  belowFloorReason?: string;
  quotes?: QuoteValues[];
}

// The form's fields the server may name; anything else (the quotes among
// them) shows above the form.
const FIELDS = ['province', 'oldPartIds', 'marketPricePerKg', 'totalWeightKg', 'salePrice', 'belowFloorReason'] as const;

function Preview({ figures, remote }: { figures: LotFigures | null; remote: boolean }) {
  const t = useT(saleMessages);
  return (
    <Card size="small" title={t('preview')} data-testid="lot-preview">
      {!figures ? (
        <Typography.Text type="secondary">{t('previewWaiting')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'base', label: t('basePrice'), children: <span data-testid="preview-base">{money(figures.basePrice)}</span> },
              {
                key: 'floor',
                label: t('floor'),
                children: (
                  <span data-testid="preview-floor">
                    {t('floorValue', { percent: figures.floorPercent, price: money(figures.floorPrice) })}
                  </span>
                ),
              },
              {
                key: 'percent',
                label: t('percentOfMarket'),
                children: (
                  <Typography.Text type={figures.belowFloor ? 'danger' : undefined} data-testid="preview-percent">
                    {figures.percentOfMarket === null ? '—' : `${figures.percentOfMarket} %`}
                  </Typography.Text>
                ),
              },
              { key: 'value', label: t('lotValue'), children: money(figures.lotValue) },
              {
                key: 'level',
                label: t('level'),
                children: (
                  <Tag color="blue" data-testid="preview-level">
                    {t(figures.approvalLevel)}
                  </Tag>
                ),
              },
            ]}
          />
          {remote && <Alert type="info" showIcon title={t('previewRemote')} />}
          {figures.belowFloor && <Alert type="warning" showIcon title={t('previewBelow')} data-testid="preview-below" />}
        </Flex>
      )}
    </Card>
  );
}

const numberRule = (message: string) => ({
  validator: (_: unknown, value?: string) =>
    !value || (isDecimal(value) && !value.trim().startsWith('-')) ? Promise.resolve() : Promise.reject(new Error(message)),
});

export default function NewLotPage() {
  const t = useT(saleMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);

  const province = Form.useWatch('province', form);
  const partId = Form.useWatch('partId', form);
  const chosenIds = Form.useWatch('oldPartIds', form);
  const market = Form.useWatch('marketPricePerKg', form);
  const weighed = Form.useWatch('totalWeightKg', form);
  const sale = Form.useWatch('salePrice', form);

  const candidates = useCandidates(province);
  const specs = useMemo(() => bySpecification(candidates.parts), [candidates.parts]);
  const spec = specs.find((s) => s.partId === partId);
  const chosen = useMemo(
    () => (spec?.parts ?? []).filter((p) => (chosenIds ?? []).includes(p.id)),
    [spec, chosenIds],
  );
  const weight = catalogueWeight(chosen);
  const figures = lotFigures({
    province: province ?? '',
    marketPricePerKg: market?.trim() ?? '',
    weightKg: weighed?.trim() || weight,
    salePrice: sale?.trim() ?? '',
  });
  const leftOut = spec ? spec.parts.length - chosen.length : 0;

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSending(true);
    setGeneral([]);
    const result = await client
      .mutation(CreateLocalSaleDocument, {
        input: {
          province: values.province ?? '',
          marketPricePerKg: values.marketPricePerKg?.trim() ?? '',
          totalWeightKg: values.totalWeightKg?.trim() || null,
          salePrice: values.salePrice?.trim() ?? '',
          belowFloorReason: values.belowFloorReason?.trim() || null,
          oldPartIds: values.oldPartIds ?? [],
          quotes: (values.quotes ?? []).map((q) => ({
            buyerName: q.buyerName?.trim() ?? '',
            price: q.price?.trim() ?? '',
            quotedOn: (q.quotedOn ?? dayjs()).format('YYYY-MM-DD'),
          })),
        },
      })
      .toPromise();
    setSending(false);
    const lot = result.data?.createLocalSale.localSale;
    if (lot) {
      message.success(t('created', { lot: lot.lotNumber }));
      navigate(`/local-sales/${lot.id}`);
      return;
    }
    const split = splitByField(problemsOf(result.error), FIELDS, locale);
    form.setFields(split.fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(split.general);
  }

  const form_ = (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={sending}
      initialValues={{ quotes: Array.from({ length: MIN_QUOTES }, () => ({ quotedOn: dayjs() })) }}
      onValuesChange={(changed: Values) => {
        // A new province starts the choice of parts over; a specification
        // is taken whole.
        if ('province' in changed) form.setFieldsValue({ partId: undefined, oldPartIds: [] });
        if ('partId' in changed) {
          const picked = specs.find((s) => s.partId === changed.partId);
          form.setFieldsValue({ oldPartIds: picked?.parts.map((p) => p.id) ?? [] });
        }
      }}
    >
      <Form.Item name="province" label={t('province')} rules={[{ required: true, message: t('required') }]}>
        <Select
          data-testid="lot-province"
          showSearch={{ optionFilterProp: 'label' }}
          options={provinceOptions(locale)}
          placeholder={t('pickProvince')}
        />
      </Form.Item>
      {candidates.error && (
        <Alert type="error" showIcon title={t('loadFailed') + problemsOf(candidates.error).map((p) => sentence(p, locale)).join(' ')} style={{ marginBottom: 16 }} />
      )}
      {province && !candidates.loading && !candidates.error && specs.length === 0 && (
        <Alert type="info" showIcon title={t('noCandidates')} style={{ marginBottom: 16 }} data-testid="lot-no-candidates" />
      )}
      <Form.Item
        name="partId"
        label={t('pickSpecification')}
        extra={t('pickSpecificationHint')}
        rules={[{ required: true, message: t('required') }]}
      >
        <Select
          data-testid="lot-spec"
          loading={candidates.loading}
          disabled={!province || specs.length === 0}
          options={specs.map((s) => ({ value: s.partId, label: `${s.partNumber} ${s.name} (${s.parts.length})` }))}
        />
      </Form.Item>
      {spec && (
        <Form.Item
          name="oldPartIds"
          label={t('partsOfSpec', { count: chosen.length, weight })}
          rules={[{ required: true, type: 'array', min: 1, message: t('required') }]}
        >
          <Checkbox.Group data-testid="lot-parts" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {spec.parts.map((p) => (
              <Checkbox key={p.id} value={p.id} data-testid="lot-part">
                {p.approvalNumber} · {p.unit?.serialNumber ?? '—'} · ×{p.quantity}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      {leftOut > 0 && <Alert type="warning" showIcon title={t('leftOut', { count: leftOut })} style={{ marginBottom: 16 }} />}
      <Flex gap={12} wrap>
        <Form.Item
          name="marketPricePerKg"
          label={t('marketPrice')}
          style={{ flex: '1 1 160px' }}
          rules={[{ required: true, whitespace: true, message: t('required') }, numberRule(t('notNumber'))]}
        >
          <Input inputMode="decimal" data-testid="lot-market" />
        </Form.Item>
        <Form.Item
          name="totalWeightKg"
          label={t('weighedWeight')}
          extra={t('weighedHint', { weight })}
          style={{ flex: '1 1 160px' }}
          rules={[numberRule(t('notNumber'))]}
        >
          <Input inputMode="decimal" placeholder={weight} data-testid="lot-weight" />
        </Form.Item>
        <Form.Item
          name="salePrice"
          label={t('salePrice')}
          style={{ flex: '1 1 160px' }}
          rules={[{ required: true, whitespace: true, message: t('required') }, numberRule(t('notNumber'))]}
        >
          <Input inputMode="decimal" data-testid="lot-sale" />
        </Form.Item>
      </Flex>
      {figures?.belowFloor && (
        <Form.Item
          name="belowFloorReason"
          label={t('belowFloorReason')}
          rules={[{ required: true, whitespace: true, message: t('reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="lot-reason" />
        </Form.Item>
      )}
      <Typography.Text strong>{t('quotes')}</Typography.Text>
      <Form.List
        name="quotes"
        rules={[
          {
            validator: (_, quotes?: QuoteValues[]) =>
              (quotes?.length ?? 0) >= MIN_QUOTES
                ? Promise.resolve()
                : Promise.reject(new Error(t('quotesNeeded', { count: MIN_QUOTES }))),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={phone ? 12 : 0} style={{ marginTop: 8 }} data-testid="lot-quotes-form">
            {fields.map((field) => (
              <Flex key={field.key} gap={8} wrap={phone} align="flex-start" data-testid="lot-quote">
                <Form.Item
                  name={[field.name, 'buyerName']}
                  style={{ flex: '2 1 220px', marginBottom: phone ? 0 : undefined }}
                  rules={[{ required: true, whitespace: true, message: t('required') }]}
                >
                  <Input placeholder={t('buyer')} maxLength={200} data-testid="lot-quote-buyer" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'price']}
                  style={{ flex: '1 1 110px', marginBottom: phone ? 0 : undefined }}
                  rules={[{ required: true, whitespace: true, message: t('required') }, numberRule(t('notNumber'))]}
                >
                  <Input placeholder={t('quotedPrice')} inputMode="decimal" data-testid="lot-quote-price" />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'quotedOn']}
                  style={{ flex: '1 1 130px', marginBottom: phone ? 0 : undefined }}
                  rules={[{ required: true, message: t('required') }]}
                >
                  <DatePicker style={{ width: '100%' }} placeholder={t('quotedOn')} />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('remove')}
                  disabled={fields.length <= 1}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button icon={<PlusOutlined />} onClick={() => add({ quotedOn: dayjs() })} style={{ alignSelf: 'flex-start' }} data-testid="lot-quote-add">
              {t('addQuote')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form>
  );

  return (
    <Card title={t('newLot')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="lot-error" />
      ))}
      <Flex gap={24} vertical={phone} align="flex-start">
        <div style={{ flex: '1 1 0', minWidth: 0, width: phone ? '100%' : undefined }}>{form_}</div>
        <Flex vertical gap={12} style={{ width: phone ? '100%' : 340, position: phone ? undefined : 'sticky', top: 16 }}>
          <Preview figures={figures} remote={!!province && isRemote(province)} />
          <Flex gap={8}>
            <Button type="primary" loading={sending} onClick={submit} data-testid="lot-submit" block>
              {t('submit')}
            </Button>
            <Button onClick={() => navigate('/local-sales')} disabled={sending}>
              {t('cancel')}
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}
