// The quarter's failure-recurrence Pareto: causes by occurrences, the
// configured per-quarter limit as a line, breaches flagged, the trend against the
// previous quarter; a bar or a row opens the repairs behind the cause. The
// quarter and the open cause live in the URL.
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { FailureRecurrenceDocument, type FailureRecurrenceQuery } from '../../gql/graphql';
import { barChartHeight, causeName, GREEN, paretoOption, RED } from './charts';
import { EChart } from './EChart';
import { money, percent } from './kpi';
import { reportMessages } from './messages';
import { parsePeriod, periodContaining, periodLabel, periodText, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { useThresholds } from './policy';
import { RepairsDrawer } from './RepairsDrawer';
import './reports.css';

type Cause = FailureRecurrenceQuery['failureRecurrenceReport']['causes'][number];

function quarterOf(params: URLSearchParams): Period {
  const p = parsePeriod(params.get('period'));
  return p?.kind === 'quarter' ? p : periodContaining('quarter', new Date());
}

function TrendMark({ trend }: { trend: number }) {
  if (trend > 0)
    return (
      <span style={{ color: RED }} className="reports-flag">
        <ArrowUpOutlined /> +{trend}
      </span>
    );
  if (trend < 0)
    return (
      <span style={{ color: GREEN }} className="reports-flag">
        <ArrowDownOutlined /> {trend}
      </span>
    );
  return <span>0</span>;
}

export default function RecurrencePage() {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const quarter = useMemo(() => quarterOf(params), [params]);
  const openCause = params.get('cause');
  const setView = (period: Period, cause: string | null) =>
    setParams(cause ? { period: periodText(period), cause } : { period: periodText(period) });

  const [{ data, fetching, error }, refetch] = useQuery({
    query: FailureRecurrenceDocument,
    variables: { year: quarter.year, quarter: quarter.index },
  });
  const limits = useThresholds();
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    if (limits.error) limits.refetch({ requestPolicy: 'network-only' });
  };
  useSignedInAgain(reload);
  const report = data?.failureRecurrenceReport;
  const thresholds = limits.thresholds;
  const limit = thresholds?.recurrenceMaxPerQuarter;
  const partsLimit = thresholds?.recurrenceMaxPartsPerOccurrence;
  const failure = error ?? limits.error;
  const causes = useMemo(() => report?.causes ?? [], [report]);
  const label = periodLabel(quarter, locale);

  const option = useMemo(
    () =>
      limit == null
        ? null
        : paretoOption(
            causes,
            limit,
            {
              title: t('paretoTitle', { period: label }),
              withinLimit: t('withinLimit'),
              overLimit: t('overLimit', { limit }),
              cumulative: t('cumulative'),
              previous: t('previousQuarterMark'),
              limitLine: t('limitLine', { limit }),
            },
            phone,
          ),
    [causes, limit, t, label, phone],
  );

  const columns: ColumnsType<Cause> = [
    {
      key: 'cause',
      title: t('cause'),
      width: phone ? 150 : 220,
      render: (_, c) => (
        <Flex vertical>
          <Typography.Link data-testid="cause-name" className="reports-wrap" onClick={() => setView(quarter, c.code)}>
            {causeName(c)}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'occurrences',
      title: t('occurrences'),
      align: 'right',
      render: (_, c) => <span style={{ color: c.tooFrequent ? RED : undefined, fontWeight: 600 }}>{c.occurrences}</span>,
    },
    { key: 'previous', title: t('previousOccurrences'), align: 'right', render: (_, c) => c.previousOccurrences },
    { key: 'trend', title: t('trend'), align: 'right', render: (_, c) => <TrendMark trend={c.trend} /> },
    { key: 'parts', title: t('totalParts'), align: 'right', render: (_, c) => c.totalParts },
    {
      key: 'max',
      title: t('maxPartsInOne'),
      align: 'right',
      render: (_, c) => <span style={{ color: c.tooManyParts ? RED : undefined }}>{c.maxPartsInOne}</span>,
    },
    { key: 'cost', title: t('cost'), align: 'right', render: (_, c) => money(c.cost) },
    {
      key: 'models',
      title: t('models'),
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.models.map((m) => (
            <Tag key={m}>{m}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'units', title: t('units'), align: 'right', render: (_, c) => c.units },
    {
      key: 'flags',
      title: t('flags'),
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.tooFrequent && (
            <Tag color="error" data-testid="flag-frequent">
              {t('tooFrequent', { limit: limit ?? '' })}
            </Tag>
          )}
          {c.tooManyParts && (
            <Tag color="warning" data-testid="flag-parts">
              {t('tooManyParts', { limit: partsLimit ?? '' })}
            </Tag>
          )}
        </Space>
      ),
    },
    { key: 'share', title: t('cumulative'), align: 'right', render: (_, c) => percent(c.paretoShare) },
  ];

  const selected = causes.find((c) => c.code === openCause);
  const frequent = causes.filter((c) => c.tooFrequent).length;
  const manyParts = causes.filter((c) => c.tooManyParts).length;

  return (
    <Card title={t('recurrenceTitle')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      <Flex vertical gap={16}>
        <PeriodPicker value={quarter} kinds={['quarter']} onChange={(period) => setView(period, null)} testId="quarter" />
        {failure && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(failure).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={reload}>{t('retry')}</Button>}
          />
        )}
        {report && option && limit != null && partsLimit != null && (
          <>
            <Alert
              data-testid="recurrence-summary"
              type={frequent + manyParts > 0 ? 'warning' : 'success'}
              showIcon
              title={t('recurrenceSummary', {
                occurrences: report.occurrences,
                causes: causes.length,
                frequent,
                parts: manyParts,
                limit,
                partsLimit,
              })}
            />
            {causes.length === 0 ? (
              <Alert type="info" showIcon title={t('noCauses')} data-testid="recurrence-empty" />
            ) : (
              <>
                <Card size="small" className="reports-chart-card">
                  <EChart
                    testId="pareto-chart"
                    option={option}
                    height={barChartHeight(causes.length, phone) + 30}
                    ariaLabel={t('paretoTitle', { period: label })}
                    onPick={(index) => {
                      const cause = causes[index];
                      if (cause) setView(quarter, cause.code);
                    }}
                  />
                </Card>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('causesTable')}
                </Typography.Title>
                <Table<Cause>
                  data-testid="causes"
                  size="small"
                  rowKey="code"
                  columns={columns}
                  dataSource={causes}
                  loading={fetching}
                  pagination={false}
                  scroll={{ x: 1200 }}
                  onRow={(c) =>
                    ({
                      'data-testid': 'cause-row',
                      'data-code': c.code,
                      style: { cursor: 'pointer' },
                      onClick: () => setView(quarter, c.code),
                    }) as HTMLAttributes<HTMLElement>
                  }
                />
              </>
            )}
          </>
        )}
      </Flex>
      <RepairsDrawer
        cause={selected ?? null}
        year={quarter.year}
        quarter={quarter.index}
        periodLabel={label}
        phone={phone}
        onClose={() => setView(quarter, null)}
      />
    </Card>
  );
}
