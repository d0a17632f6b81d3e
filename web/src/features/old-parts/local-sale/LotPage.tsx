// A lot: its figures (what the approval decides on), the buyers' quotes and
// the old parts, and the next steps the user may take. The page follows the
// audit trail, so an approval made elsewhere shows without a reload.
import { Alert, Button, Card, Descriptions, Flex, Grid, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSubscription } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { getSession, hasAnyRole } from '../../../app/session';
import { money, round } from '../../../components/decimal';
import { problemsOf, sentence } from '../../../components/errors';
import { label, ROLE } from '../../../components/labels';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { LotChangesDocument, type LotFullFragment, type LotChangesSubscription } from '../../../gql/graphql';
import { floorPercent, floorPrice } from '../../../components/scrapFloor';
import { LotStatusTag } from './LotStatusTag';
import { LotStepModal, type LotStep } from './LotStepModal';
import { saleMessages } from './messages';
import { provinceName } from '../../../components/provinces';
import { useLot } from './useLot';
import { FOLLOWERS, isAboutLot, lotSteps } from './view';

type Quote = LotFullFragment['quotes'][number];
type Item = LotFullFragment['items'][number];

function LotFacts({ lot }: { lot: LotFullFragment }) {
  const t = useT(saleMessages);
  const { locale } = useLocale();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      data-testid="lot-facts"
      items={[
        { key: 'province', label: t('province'), children: provinceName(lot.province, locale) },
        { key: 'spec', label: t('specification'), children: lot.specification },
        { key: 'weight', label: t('weight'), children: t('weightKg', { weight: lot.totalWeightKg }) },
        { key: 'market', label: t('marketPrice'), children: money(lot.marketPricePerKg) },
        { key: 'base', label: t('basePrice'), children: money(lot.basePrice) },
        { key: 'sale', label: t('salePrice'), children: <strong>{money(lot.salePrice)}</strong> },
        {
          key: 'percent',
          label: t('percentOfMarket'),
          children: (
            <Typography.Text type={lot.belowFloor ? 'danger' : undefined} data-testid="lot-percent">
              {round(lot.percentOfMarket, 2)} %
            </Typography.Text>
          ),
        },
        { key: 'floor', label: t('floor'), children: t('floorValue', { percent: floorPercent(lot.province), price: money(floorPrice(lot.basePrice, lot.province)) }) },
        {
          key: 'below',
          label: t('belowFloor'),
          children: lot.belowFloor ? <Tag color="red" data-testid="lot-below-floor">{t('yes')}</Tag> : t('no'),
        },
        ...(lot.belowFloorReason
          ? [{ key: 'reason', label: t('belowFloorReason'), children: lot.belowFloorReason, span: 'filled' as const }]
          : []),
        { key: 'value', label: t('lotValue'), children: money(lot.lotValue) },
        { key: 'level', label: t('level'), children: <span data-testid="lot-level">{t(lot.approvalLevel)}</span> },
        { key: 'approvers', label: t('approvers'), children: lot.approvers.map((r) => label(ROLE, r, locale)).join('、') || '—' },
        ...(lot.approvedAt ? [{ key: 'approvedAt', label: t('approvedAt'), children: dayjs(lot.approvedAt).format('YYYY-MM-DD HH:mm') }] : []),
        ...(lot.decisionNote
          ? [{ key: 'note', label: t(lot.status === 'CANCELLED' ? 'cancelReason' : 'decisionNote'), span: 'filled' as const, children: <span data-testid="lot-decision-note">{lot.decisionNote}</span> }]
          : []),
        ...(lot.proceedsAmount
          ? [
              { key: 'proceeds', label: t('proceeds'), children: <span data-testid="lot-proceeds">{money(lot.proceedsAmount)}</span> },
              { key: 'receipt', label: t('receiptNumber'), children: lot.proceedsReceiptNumber ?? '—' },
            ]
          : []),
      ]}
    />
  );
}

function Quotes({ quotes }: { quotes: Quote[] }) {
  const t = useT(saleMessages);
  return (
    <Table<Quote>
      data-testid="lot-quotes"
      size="small"
      pagination={false}
      rowKey={(q) => `${q.buyerName}-${q.price}-${q.quotedOn}`}
      dataSource={quotes}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'buyer', title: t('buyer'), dataIndex: 'buyerName' },
        { key: 'price', title: t('quotedPrice'), align: 'right', render: (_, q) => money(q.price) },
        { key: 'on', title: t('quotedOn'), dataIndex: 'quotedOn' },
      ]}
    />
  );
}

function Items({ items }: { items: Item[] }) {
  const t = useT(saleMessages);
  return (
    <Table<Item>
      data-testid="lot-items"
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'approval', title: t('approvalNumber'), dataIndex: 'approvalNumber' },
        { key: 'unit', title: t('unitSerial'), render: (_, item) => item.unit?.serialNumber ?? '—' },
        { key: 'part', title: t('partName'), render: (_, item) => (item.part ? `${item.part.partNumber} ${item.part.name}` : '—') },
        { key: 'quantity', title: t('quantity'), dataIndex: 'quantity', align: 'right' },
      ]}
    />
  );
}

/** The latest audit entry, to tell whether it is about this lot. */
function latest(_: LotChangesSubscription | undefined, event: LotChangesSubscription) {
  return event;
}

export default function LotPage() {
  const { id = '' } = useParams();
  const t = useT(saleMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;
  const roles = user?.roles ?? [];
  const { lot, loading, error, refresh, replace } = useLot(id);
  const [step, setStep] = useState<LotStep | null>(null);
  const follows = hasAnyRole(user, FOLLOWERS);
  const [{ data: change }] = useSubscription({ query: LotChangesDocument, pause: !follows }, latest);
  useSignedInAgain(() => void refresh());

  useEffect(() => {
    if (change && isAboutLot(change.auditTrail, id)) void refresh();
  }, [change, id, refresh]);

  if (loading && !lot) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error && !lot) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
        action={<Button onClick={() => void refresh()}>{t('retry')}</Button>}
      />
    );
  }
  if (!lot) {
    return (
      <Result
        status="404"
        title={t('notFound')}
        extra={
          <Link to="/local-sales">
            <Button type="primary">{t('backToList')}</Button>
          </Link>
        }
      />
    );
  }

  const steps = lotSteps(lot, roles);
  const waiting = lot.status === 'PENDING_APPROVAL';
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            <span data-testid="lot-number">{lot.lotNumber}</span>
            <LotStatusTag status={lot.status} />
          </Space>
        }
        extra={!phone && <Link to="/local-sales">{t('backToList')}</Link>}
        styles={{ body: { padding: phone ? 12 : undefined } }}
      >
        <Flex vertical gap={12}>
          {waiting && !steps.approve && (
            <Alert
              type="info"
              showIcon
              title={t('notApprover', { roles: lot.approvers.map((r) => label(ROLE, r, locale)).join('、') })}
              description={follows ? t('live') : undefined}
            />
          )}
          <LotFacts lot={lot} />
          {(steps.approve || steps.cancel || steps.proceeds) && (
            <Flex gap={8} wrap>
              {steps.approve && (
                <Button type="primary" data-testid="lot-approve" onClick={() => setStep('approve')}>
                  {t('approve')}
                </Button>
              )}
              {steps.proceeds && (
                <Button type="primary" data-testid="lot-proceeds-open" onClick={() => setStep('proceeds')}>
                  {t('recordProceeds')}
                </Button>
              )}
              {steps.cancel && (
                <Button danger data-testid="lot-cancel" onClick={() => setStep('cancel')}>
                  {t('cancelLot')}
                </Button>
              )}
            </Flex>
          )}
        </Flex>
      </Card>
      <Card title={t('quotes')} size="small">
        <Quotes quotes={lot.quotes} />
      </Card>
      <Card title={t('items')} size="small">
        <Items items={lot.items} />
      </Card>
      {step && <LotStepModal step={step} lot={lot} onClose={() => setStep(null)} onDone={replace} onReload={refresh} />}
    </Flex>
  );
}
