// Batch and major quality incidents of a period: units per incident against
// the configured batch size, and the units and tickets behind each. The period lives
// in the URL.
import { Alert, Button, Card, Flex, Grid, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { BatchIncidentsDocument, type BatchIncidentsQuery } from '../../gql/graphql';
import { barChartHeight, incidentOption } from './charts';
import { EChart } from './EChart';
import { money } from './kpi';
import { reportMessages } from './messages';
import { boundsOf, parsePeriod, periodContaining, periodLabel, periodText, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { amountText, useThresholds } from './policy';
import { TicketNumberLink } from './TicketNumberLink';
import './reports.css';

type Incident = BatchIncidentsQuery['batchIncidents'][number];

const keyOf = (i: Incident) => `${i.modelCode}/${i.productionDate}`;

export default function IncidentsPage() {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const period = useMemo(() => parsePeriod(params.get('period')) ?? periodContaining('year', new Date()), [params]);
  const setPeriod = (p: Period) => setParams({ period: periodText(p) });

  const variables = useMemo(() => boundsOf(period), [period]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: BatchIncidentsDocument, variables });
  const limits = useThresholds();
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    if (limits.error) limits.refetch({ requestPolicy: 'network-only' });
  };
  useSignedInAgain(reload);
  const thresholds = limits.thresholds;
  const batchUnits = thresholds?.batchIncidentUnits;
  const failure = error ?? limits.error;
  const incidents = useMemo(() => data?.batchIncidents ?? [], [data]);
  const label = periodLabel(period, locale);

  const option = useMemo(
    () =>
      batchUnits == null
        ? null
        : incidentOption(
            incidents.map((i) => ({ name: `${i.modelName} · ${i.productionDate}`, units: i.units, major: i.level === 'MAJOR' })),
            batchUnits,
            {
              title: t('incidentsChart', { period: label }),
              batch: t('batch'),
              major: t('major'),
              batchLine: t('batchLine', { size: batchUnits }),
            },
            phone,
          ),
    [incidents, batchUnits, t, label, phone],
  );

  const columns: ColumnsType<Incident> = [
    {
      key: 'model',
      title: t('model'),
      render: (_, i) => (
        <Flex vertical>
          <span className="reports-wrap">{i.modelName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.modelCode}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'date', title: t('productionDate'), render: (_, i) => i.productionDate },
    {
      key: 'level',
      title: t('level'),
      render: (_, i) => (
        <Tag color={i.level === 'MAJOR' ? 'error' : 'warning'} data-testid="incident-level">
          {t(i.level === 'MAJOR' ? 'major' : 'batch')}
        </Tag>
      ),
    },
    { key: 'units', title: t('units'), align: 'right', render: (_, i) => i.units },
    { key: 'tickets', title: t('tickets'), align: 'right', render: (_, i) => i.tickets },
    { key: 'loss', title: t('loss'), align: 'right', render: (_, i) => money(i.loss) },
    { key: 'injury', title: t('injury'), render: (_, i) => (i.personalInjury ? <Tag color="error">{t('yes')}</Tag> : t('no')) },
  ];

  return (
    <Card title={t('incidentsTitle')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      <Flex vertical gap={16}>
        <PeriodPicker value={period} kinds={['month', 'quarter', 'year']} onChange={setPeriod} />
        {thresholds && (
          <Typography.Text type="secondary" data-testid="incidents-rule">
            {t('incidentsRule', {
              batch: thresholds.batchIncidentUnits,
              major: thresholds.majorIncidentUnits,
              loss: amountText(thresholds.majorIncidentLoss),
            })}
          </Typography.Text>
        )}
        {failure && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(failure).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={reload}>{t('retry')}</Button>}
          />
        )}
        {data && incidents.length === 0 && <Alert type="info" showIcon title={t('noIncidents')} data-testid="incidents-empty" />}
        {incidents.length > 0 && (
          <>
            {option && (
              <Card size="small" className="reports-chart-card">
                <EChart
                  testId="incidents-chart"
                  option={option}
                  height={barChartHeight(incidents.length, phone)}
                  ariaLabel={t('incidentsChart', { period: label })}
                />
              </Card>
            )}
            <Table<Incident>
              data-testid="incidents"
              size="small"
              rowKey={keyOf}
              columns={columns}
              dataSource={incidents}
              loading={fetching}
              pagination={false}
              scroll={{ x: 800 }}
              onRow={() => ({ 'data-testid': 'incident-row' }) as HTMLAttributes<HTMLElement>}
              expandable={{
                expandedRowRender: (i) => (
                  <Flex vertical gap={8} data-testid="incident-detail">
                    <Typography.Text strong>{t('ticketNumbers')}</Typography.Text>
                    <Space size={[12, 4]} wrap>
                      {i.ticketNumbers.map((n) => (
                        <TicketNumberLink key={n} number={n} />
                      ))}
                    </Space>
                    <Typography.Text strong>{t('serials')}</Typography.Text>
                    <Space size={[4, 4]} wrap>
                      {i.serialNumbers.map((s) => (
                        <Tag key={s}>{s}</Tag>
                      ))}
                    </Space>
                  </Flex>
                ),
              }}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
