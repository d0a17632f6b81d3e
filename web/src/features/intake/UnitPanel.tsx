// Beside the form, as soon as a unit is chosen: its warranty, owner and
// history, and the warnings the history gives (an open ticket, a repair in
// the last 90 days).
import { Alert, Card, Descriptions, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { useNow } from '../../components/clock';
import { problemsOf, sentence } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { EXCLUSION, FAULT_CATEGORY, label, SERVICE_TYPE, TICKET_STATUS } from '../../components/labels';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import type { FaultCategory } from '../../gql/enums';
import {
  IntakeCausesDocument,
  IntakeHistoryDocument,
  IntakeWarrantyDocument,
  type IntakeUnitQuery,
  type IntakeWarrantyQuery,
} from '../../gql/graphql';
import { ofUnit, openTicket, recentRepairs, replacedParts } from './history';
import { intakeMessages } from './messages';
import { coverNote, warrantyKind } from './warranty';

type Unit = IntakeUnitQuery['unit'];
type Warranty = IntakeWarrantyQuery['warrantyStatus'];

const KIND_COLOR = { warranty: 'green', contract: 'blue', out: 'red' } as const;
const KIND_WORD = { warranty: 'inWarranty', contract: 'underContract', out: 'outOfWarranty' } as const;

function WarrantyStatus({ warranty }: { warranty: Warranty }) {
  const t = useT(intakeMessages);
  const { locale } = useLocale();
  const kind = warrantyKind(warranty);
  const note = coverNote(warranty);
  const covers = [
    warranty.policy?.coversParts && t('coversParts'),
    warranty.policy?.coversLabour && t('coversLabour'),
  ].filter(Boolean);
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align="center" wrap>
        <Tag color={KIND_COLOR[kind]} style={{ fontSize: 14, padding: '2px 10px' }}>
          {t(kind === 'out' && note.kind !== 'expired' ? 'notCovered' : KIND_WORD[kind])}
        </Tag>
        {kind !== 'warranty' && (
          <Typography.Text type="secondary">{label(SERVICE_TYPE, warranty.serviceType, locale)}</Typography.Text>
        )}
      </Flex>
      {kind === 'warranty' && warranty.policy && (
        <Typography.Text>
          {t('byPolicy', { name: warranty.policy.name })}
          {covers.length > 0 && ` · ${covers.join(' + ')}`}
        </Typography.Text>
      )}
      {kind === 'contract' && warranty.contract && (
        <Typography.Text>{t('byContract', { number: warranty.contract.contractNumber })}</Typography.Text>
      )}
      {kind !== 'out' && warranty.endsOn && (
        <Typography.Text strong>{t('until', { date: warranty.endsOn, days: warranty.daysLeft })}</Typography.Text>
      )}
      {kind === 'out' && (
        <>
          {warranty.exclusion && warranty.exclusion !== 'EXPIRED' && (
            <Typography.Text strong>{t('why', { reason: label(EXCLUSION, warranty.exclusion, locale) })}</Typography.Text>
          )}
          {note.kind === 'expired' && <Typography.Text>{t('ended', { date: note.endedOn })}</Typography.Text>}
          {note.kind === 'notStarted' && <Typography.Text>{t('notStarted', { date: note.startsOn })}</Typography.Text>}
          {note.kind === 'noInvoice' && <Typography.Text>{t('noInvoice')}</Typography.Text>}
        </>
      )}
    </Flex>
  );
}

function UnitHistory({ serial, category, reportedId }: { serial: string; category: FaultCategory | undefined; reportedId?: string }) {
  const t = useT(intakeMessages);
  const { locale } = useLocale();
  const now = useNow();
  const [{ data, error, fetching }, again] = useQuery({ query: IntakeHistoryDocument, variables: { serial } });
  const [{ data: causeData }] = useQuery({ query: IntakeCausesDocument });
  const causeName = (code: string) => causeData?.faultCauses.find((c) => c.code === code)?.name ?? code;
  useSignedInAgain(() => again({ requestPolicy: 'network-only' }));
  const tickets = useMemo(() => ofUnit(data?.tickets.nodes ?? [], serial), [data, serial]);
  // The ticket just reported is not a warning about itself.
  const earlier = useMemo(() => tickets.filter((t) => t.id !== reportedId), [tickets, reportedId]);
  const open = openTicket(earlier);
  const repeats = recentRepairs(earlier, now, category);
  const latest = repeats.find((r) => r.sameCategory) ?? repeats[0];

  return (
    <Flex vertical gap={8} data-testid="unit-history">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('history')}
      </Typography.Title>
      {open && (
        <Alert
          data-testid="open-ticket-warning"
          type="warning"
          showIcon
          title={
            <>
              {t('openWarning', { status: label(TICKET_STATUS, open.status, locale) })}{' '}
              <Link to={`/tickets/${open.id}`}>{open.number}</Link>
            </>
          }
        />
      )}
      {latest && (
        <Alert
          data-testid="repeat-warning"
          type={latest.sameCategory ? 'error' : 'warning'}
          showIcon
          title={
            <>
              {t('repeatWarning', {
                when: latest.daysAgo === 0 ? t('today') : t('daysAgo', { days: latest.daysAgo }),
                number: latest.ticket.number,
                category: label(FAULT_CATEGORY, latest.ticket.faultCategory, locale),
              })}
              {latest.sameCategory && <strong> {t('repeatSame')}</strong>}
            </>
          }
        />
      )}
      {error && <Alert type="error" title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')} />}
      {fetching && !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : tickets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noHistory')} />
      ) : (
        <Timeline
          style={{ marginTop: 8, maxHeight: 520, overflowY: 'auto', paddingTop: 8 }}
          items={tickets.map((ticket) => ({
            key: ticket.id,
            content: (
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
                  <TicketStatusTag status={ticket.status} />
                  {ticket.repeatRepair && <Tag color="red">{t('repeatFlag')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(ticket.reportedAt).format('YYYY-MM-DD')} · {label(FAULT_CATEGORY, ticket.faultCategory, locale)}
                  {ticket.engineer && ` · ${t('engineer', { name: ticket.engineer.displayName })}`}
                </Typography.Text>
                <Typography.Text ellipsis={{ tooltip: ticket.faultDescription }}>{ticket.faultDescription}</Typography.Text>
                {ticket.repairRecord && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('repair', { cause: causeName(ticket.repairRecord.faultCause), measures: ticket.repairRecord.measures })}
                    {ticket.repairRecord.parts.length > 0 && ` · ${t('parts', { parts: replacedParts(ticket.repairRecord.parts, locale) })}`}
                  </Typography.Text>
                )}
              </Flex>
            ),
          }))}
        />
      )}
    </Flex>
  );
}

interface Props {
  serial: string | null;
  unit: Unit | undefined;
  unitError: string | null;
  category: FaultCategory | undefined;
  /** The ticket just reported, once it is. */
  reportedId?: string;
}

export function UnitPanel({ serial, unit, unitError, category, reportedId }: Props) {
  const t = useT(intakeMessages);
  const { locale } = useLocale();
  const [{ data: warrantyData, error: warrantyError }, warrantyAgain] = useQuery({
    query: IntakeWarrantyDocument,
    variables: { serial: serial ?? '' },
    pause: !serial,
  });
  useSignedInAgain(() => {
    if (serial) warrantyAgain({ requestPolicy: 'network-only' });
  });
  const warranty = serial && warrantyData?.warrantyStatus.serialNumber.toUpperCase() === serial.toUpperCase()
    ? warrantyData.warrantyStatus
    : undefined;

  if (!serial) {
    return (
      <Card title={t('unitPanel')} size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chooseUnit')} />
      </Card>
    );
  }
  return (
    <Card title={`${t('unitPanel')} · ${serial}`} size="small">
      <Flex vertical gap={12}>
        <div data-testid="warranty-status">
          {warranty ? (
            <WarrantyStatus warranty={warranty} />
          ) : warrantyError ? (
            <Alert type="error" title={t('loadFailed') + problemsOf(warrantyError).map((p) => sentence(p, locale)).join(' ')} />
          ) : (
            <Skeleton active title={false} paragraph={{ rows: 2 }} />
          )}
        </div>
        {unitError && <Alert type="error" title={unitError} />}
        {unit && (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('model')}>
              {unit.model ? `${unit.model.name} (${unit.model.code})` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('customer')}>
              {unit.customer ? (
                <>
                  {unit.customer.name}
                  {unit.customer.keyCustomer && (
                    <Tag color="gold" style={{ marginLeft: 8 }}>
                      {t('keyCustomer')}
                    </Tag>
                  )}
                  <div style={{ fontSize: 12, color: 'var(--ant-color-text-secondary)' }}>
                    {unit.customer.address || unit.customer.province}
                  </div>
                </>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            {unit.dealer && <Descriptions.Item label={t('dealer')}>{unit.dealer.name}</Descriptions.Item>}
            <Descriptions.Item label={t('invoiceDate')}>{unit.invoiceDate ?? t('unsold')}</Descriptions.Item>
            <Descriptions.Item label={t('productionDate')}>{unit.productionDate}</Descriptions.Item>
          </Descriptions>
        )}
        <UnitHistory serial={serial} category={category} reportedId={reportedId} />
      </Flex>
    </Card>
  );
}
