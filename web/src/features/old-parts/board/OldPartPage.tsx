// One old part: its facts, its way back so far, its responsibility
// determination, and the next steps the signed-in user may take (dialogs).
import { Alert, Button, Card, Col, Descriptions, Flex, Grid, Result, Row, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { getSession } from '../../../app/session';
import { hasCode, problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { OldPartDetailDocument } from '../../../gql/graphql';
import { DelayDays } from './DelayDays';
import { historyOf } from './history';
import { DISPOSITION, DISPOSITION_REASON, OUTCOME, PART_KIND } from './labels';
import { boardMessages } from './messages';
import { formatMoney } from './money';
import { OldPartStatusTag } from './StatusTag';
import { stepsFor, type Step } from './steps';
import { StepModal } from './StepModal';
import './board.css';

function word<E extends string>(labels: Record<E, [string, string]>, value: string | null | undefined, locale: 'zh' | 'en') {
  if (!value) return '—';
  const pair = labels[value as E];
  return pair ? pair[locale === 'zh' ? 0 : 1] : value;
}

export default function OldPartPage() {
  const { id = '' } = useParams();
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const user = getSession()?.user;
  const [{ data, error, fetching }, refetch] = useQuery({ query: OldPartDetailDocument, variables: { id } });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const [open, setOpen] = useState<Step | null>(null);
  const part = data?.oldPart;

  if (!part && fetching) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!part) {
    if (hasCode(error, 'NOT_FOUND')) {
      return (
        <Result
          status="404"
          title={t('notFound')}
          data-testid="old-part-not-found"
          extra={
            <Link to="/old-parts">
              <Button type="primary">{t('backToBoard')}</Button>
            </Link>
          }
        />
      );
    }
    return (
      <Alert
        type="error"
        showIcon
        title={problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
        action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
      />
    );
  }

  const steps = user ? stepsFor(part, user) : [];
  const money = (value: string | null | undefined) => (value ? `¥${formatMoney(value, locale)}` : '—');
  const determination = part.determination;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="old-part-number">
            {part.approvalNumber}
          </Typography.Title>
          <OldPartStatusTag status={part.status} />
          <DelayDays part={part} />
        </Flex>
        <Link to="/old-parts">{t('backToBoard')}</Link>
      </Flex>

      <Card size="small" title={t('steps')} data-testid="old-part-steps">
        {steps.length === 0 ? (
          <Typography.Text type="secondary">{t('noSteps')}</Typography.Text>
        ) : (
          <Flex gap={8} wrap vertical={phone}>
            {steps.map((step, index) => (
              <Button key={step} type={index === 0 ? 'primary' : 'default'} data-testid={`step-${step}`} onClick={() => setOpen(step)} block={phone}>
                {t(step)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('facts')}>
            <Descriptions size="small" column={phone ? 1 : 2} bordered={!phone}>
              <Descriptions.Item label={t('ticket')}>
                <Link to={`/tickets/${part.ticketId}`}>{part.approvalNumber}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('unit')}>{part.unit?.serialNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('partNumber')}>
                {part.part ? `${part.part.partNumber} ${part.part.name}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('quantity')}>{part.quantity}</Descriptions.Item>
              <Descriptions.Item label={t('unitPrice')}>{money(part.unitPrice)}</Descriptions.Item>
              <Descriptions.Item label={t('total')}>{money(part.total)}</Descriptions.Item>
              <Descriptions.Item label={t('engineer')}>{part.engineer?.displayName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('region')}>{part.region}</Descriptions.Item>
              <Descriptions.Item label={t('reason')} span={phone ? 1 : 2}>
                {part.reason}
              </Descriptions.Item>
              <Descriptions.Item label={t('mustReturn')}>{part.mustReturn ? t('yes') : t('no')}</Descriptions.Item>
              <Descriptions.Item label={t('appliedOn')}>{part.appliedOn}</Descriptions.Item>
              <Descriptions.Item label={t('completedOn')}>{part.completedOn}</Descriptions.Item>
              <Descriptions.Item label={t('dueOn')}>{part.dueOn}</Descriptions.Item>
              <Descriptions.Item label={t('repliedOn')}>{part.repliedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('promisedOn')}>
                <span data-testid="old-part-promised">{part.promisedOn ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('delayReason')} span={phone ? 1 : 2}>
                <span data-testid="old-part-delay-reason">{part.delayReason ?? '—'}</span>
                {part.delayReason && part.delayReasonAccepted && (
                  <Tag color="green" style={{ marginInlineStart: 8 }}>
                    {t('lateExcused')}
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('delayDays')}>
                <span style={{ color: part.delayDays > 0 ? '#cf1322' : undefined }}>{part.delayDays}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('daysLate')}>{part.daysLate}</Descriptions.Item>
              <Descriptions.Item label={t('collectedOn')}>{part.collectedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('shippedOn')}>{part.shippedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('receivedOn')}>{part.receivedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('disposition')}>{word(DISPOSITION, part.disposition, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('dispositionReason')}>
                {word(DISPOSITION_REASON, part.dispositionReason, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('remarks')}>{part.remarks ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('history')}>
              <Timeline
                data-testid="old-part-history"
                items={historyOf(part).map((event) => ({
                  color: event.deadline ? (event.kind === 'due' && part.delayDays > 0 ? 'red' : 'gray') : 'blue',
                  content: (
                    <>
                      <Typography.Text strong={!event.deadline} type={event.deadline ? 'secondary' : undefined}>
                        {t(`h_${event.kind}`)}
                      </Typography.Text>
                      <div className="board-secondary">{event.on}</div>
                      {event.kind === 'replied' && part.promisedOn && (
                        <div className="board-secondary">
                          {t('promisedOn')} {part.promisedOn}
                        </div>
                      )}
                    </>
                  ),
                }))}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('historyGap')}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('determination')} data-testid="old-part-determination">
              {determination ? (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('partKind')}>{word(PART_KIND, determination.partKind, locale)}</Descriptions.Item>
                  <Descriptions.Item label={t('reviewedOn')}>{determination.reviewedOn}</Descriptions.Item>
                  <Descriptions.Item label={t('determinationDue')}>
                    {determination.dueOn}
                    {determination.overdue && (
                      <Tag color="red" style={{ marginInlineStart: 8 }}>
                        {t('overdueDetermination')}
                      </Tag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('outcome')}>
                    {determination.outcome ? word(OUTCOME, determination.outcome, locale) : t('pendingOutcome')}
                  </Descriptions.Item>
                  {determination.supplierName && (
                    <Descriptions.Item label={t('supplierName')}>{determination.supplierName}</Descriptions.Item>
                  )}
                  {determination.claimAmount && (
                    <Descriptions.Item label={t('claimAmount')}>{money(determination.claimAmount)}</Descriptions.Item>
                  )}
                  {determination.determinedOn && (
                    <Descriptions.Item label={t('determinedOn')}>{determination.determinedOn}</Descriptions.Item>
                  )}
                  {determination.notes && <Descriptions.Item label={t('notes')}>{determination.notes}</Descriptions.Item>}
                </Descriptions>
              ) : (
                <Typography.Text type="secondary">{t('noDetermination')}</Typography.Text>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      {open && <StepModal step={open} part={part} onClose={() => setOpen(null)} onDone={reload} />}
    </Flex>
  );
}
