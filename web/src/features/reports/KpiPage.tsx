// Service KPIs for a month, quarter or year, each against its target, broken
// down by region, engineer, dealer or model, with the chosen KPI's trend over
// the last twelve months (one KPI query per month, in parallel). The period,
// the breakdown and the KPI charted live in the URL.
import { Alert, Button, Card, Col, Flex, Grid, Row, Segmented, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import type { KpiGroupBy } from '../../gql/enums';
import {
  KpiReportDocument,
  KpiTrendMonthDocument,
  type KpiReportQuery,
  type ReportKpiFiguresFragment,
} from '../../gql/graphql';
import { barChartHeight, groupKpiOption, trendOption, type TrendPoint } from './charts';
import { EChart } from './EChart';
import { chartPercent, money, numeric, PLAIN, plainText, TARGETED, targetRule, type TargetedKpi } from './kpi';
import { FigureCard, KpiCard, KpiCell } from './KpiParts';
import { reportMessages } from './messages';
import {
  boundsOf,
  monthTick,
  parsePeriod,
  periodContaining,
  periodLabel,
  periodText,
  trendMonths,
  type Period,
} from './period';
import { PeriodPicker } from './PeriodPicker';
import './reports.css';

const GROUPINGS: readonly KpiGroupBy[] = ['REGION', 'ENGINEER', 'DEALER', 'MODEL'];
const TREND_MONTHS = 12;

type Group = KpiReportQuery['kpiReport']['groups'][number];

interface View {
  period: Period;
  by: KpiGroupBy;
  kpi: TargetedKpi;
}

function parseView(params: URLSearchParams): View {
  const period = parsePeriod(params.get('period')) ?? periodContaining('quarter', new Date());
  const by = GROUPINGS.find((g) => g === params.get('by')) ?? 'REGION';
  const kpi = TARGETED.find((k) => k === params.get('kpi')) ?? 'timeliness';
  return { period, by, kpi };
}

/** The trend of one KPI: a point per month, or the first problem met. */
function useTrend(period: Period, kpi: TargetedKpi, locale: 'zh' | 'en') {
  const client = useClient();
  const key = periodText(period);
  const [state, setState] = useState<{ key: string; points?: TrendPoint[]; target?: number; error?: string }>({ key: '' });
  const [again, setAgain] = useState(0);
  useSignedInAgain(() => setAgain((n) => n + 1));

  useEffect(() => {
    let live = true;
    const months = trendMonths(parsePeriod(key) ?? periodContaining('quarter', new Date()), TREND_MONTHS, new Date());
    Promise.all(
      months.map((m) =>
        client.query(KpiTrendMonthDocument, boundsOf(m), { requestPolicy: 'network-only' }).toPromise(),
      ),
    ).then((results) => {
      if (!live) return;
      const failed = results.find((r) => r.error);
      if (failed?.error) {
        setState({ key: `${key}/${kpi}`, error: problemsOf(failed.error).map((p) => sentence(p, locale)).join(' ') });
        return;
      }
      let target: number | undefined;
      const points = results.map((r, i) => {
        const figure = r.data?.kpiReport.total[kpi];
        target = target ?? numeric(figure?.target) ?? undefined;
        const month = months[i] ?? months[0];
        const tick = month ? monthTick(month, locale, i === 0 || month.index === 1) : '';
        return { month: tick, value: chartPercent(figure?.value), met: figure?.met ?? null };
      });
      setState({ key: `${key}/${kpi}`, points, target });
    });
    return () => {
      live = false;
    };
  }, [client, key, kpi, locale, again]);
  return state.key === `${key}/${kpi}` ? state : { key: '', points: undefined, target: undefined, error: undefined };
}

export default function KpiPage() {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const change = (next: Partial<View>) => {
    const merged = { ...view, ...next };
    setParams({ period: periodText(merged.period), by: merged.by, kpi: merged.kpi });
  };

  const variables = useMemo(() => ({ ...boundsOf(view.period), groupBy: view.by }), [view.period, view.by]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: KpiReportDocument, variables });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const trend = useTrend(view.period, view.kpi, locale);
  const report = data?.kpiReport;
  const total = report?.total;

  const groupName = (g: Group) => g.name ?? g.key ?? t('noGroup');
  const kpiName = t(view.kpi);
  const rule = total ? targetRule(total[view.kpi]) : '';

  const groupChart = useMemo(() => {
    if (!report || !total) return null;
    const rows = report.groups
      .map((g) => ({ name: g.name ?? g.key ?? t('noGroup'), value: chartPercent(g.figures[view.kpi].value), met: g.figures[view.kpi].met ?? null }))
      .filter((r) => r.value != null)
      .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    return {
      height: barChartHeight(rows.length, phone),
      option: groupKpiOption(
        rows,
        numeric(total[view.kpi].target) ?? 0,
        {
          title: t('byGroupChart', { kpi: kpiName, group: t(`by${view.by}`), period: periodLabel(view.period, locale) }),
          met: t('met'),
          missed: t('missed'),
          targetLine: t('targetLine', { rule: targetRule(total[view.kpi]) }),
        },
        phone,
      ),
    };
  }, [report, total, view, phone, t, kpiName, locale]);

  const trendChart = useMemo(() => {
    if (!trend.points) return null;
    return trendOption(
      trend.points,
      trend.target ?? null,
      {
        title: t('trendChart', { kpi: kpiName, count: TREND_MONTHS }),
        series: kpiName,
        met: t('met'),
        missed: t('missed'),
        targetLine: t('targetLine', { rule }),
      },
      phone,
    );
  }, [trend.points, trend.target, t, kpiName, rule, phone]);

  const hourUnit = t('hourUnit');
  const columns: ColumnsType<Group> = [
    { key: 'name', title: t('name'), fixed: phone ? undefined : 'left', width: 150, render: (_, g) => <span className="reports-wrap">{groupName(g)}</span> },
    { key: 'tickets', title: t('tickets'), align: 'right', render: (_, g) => g.figures.tickets },
    ...TARGETED.map((k) => ({
      key: k,
      title: `${t(k)} (${targetRule(g0(report, k))})`,
      align: 'right' as const,
      render: (_: unknown, g: Group) => <KpiCell kpi={g.figures[k]} />,
    })),
    ...PLAIN.map((k) => ({
      key: k,
      title: t(k),
      align: 'right' as const,
      render: (_: unknown, g: Group) => plainText(g.figures, k, hourUnit),
    })),
  ];

  return (
    <Card title={t('kpiTitle')} styles={{ body: { padding: phone ? 12 : undefined } }}>
      <Flex vertical gap={16}>
        <Flex wrap gap={8} align="center">
          <PeriodPicker value={view.period} kinds={['month', 'quarter', 'year']} onChange={(period) => change({ period })} />
          <Select<KpiGroupBy>
            data-testid="kpi-group-by"
            aria-label={t('groupBy')}
            style={{ width: 150 }}
            value={view.by}
            options={GROUPINGS.map((g) => ({ value: g, label: t(`by${g}`) }))}
            onChange={(by) => change({ by })}
          />
        </Flex>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        {total && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="kpi-period">
              {periodLabel(view.period, locale)} · {t('tickets')} {total.tickets}
            </Typography.Title>
            {total.tickets === 0 && <Alert type="info" showIcon title={t('noTickets')} />}
            <Row gutter={[12, 12]}>
              {TARGETED.map((k) => (
                <Col key={k} xs={12} xl={6}>
                  <KpiCard
                    title={t(k)}
                    kpi={total[k]}
                    testId={`kpi-${k}`}
                    note={k === 'costToSales' ? costNote(total, report.year, t) : undefined}
                  />
                </Col>
              ))}
              {PLAIN.map((k) => (
                <Col key={k} xs={12} sm={8} xl={4}>
                  <FigureCard title={t(k)} value={plainText(total, k, hourUnit)} testId={`kpi-${k}`} />
                </Col>
              ))}
              <Col xs={12} sm={8} xl={4}>
                <FigureCard title={t('cost')} value={money(total.cost)} testId="kpi-cost" />
              </Col>
            </Row>
            <Flex wrap gap={8} align="center">
              <Typography.Text>{t('kpiPick')}</Typography.Text>
              {phone ? (
                <Select<TargetedKpi>
                  data-testid="kpi-pick"
                  aria-label={t('kpiPick')}
                  style={{ width: 200 }}
                  value={view.kpi}
                  options={TARGETED.map((k) => ({ value: k, label: t(k) }))}
                  onChange={(kpi) => change({ kpi })}
                />
              ) : (
                <Segmented<TargetedKpi>
                  data-testid="kpi-pick"
                  value={view.kpi}
                  options={TARGETED.map((k) => ({ value: k, label: t(k) }))}
                  onChange={(kpi) => change({ kpi })}
                />
              )}
            </Flex>
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={12}>
                <Card size="small" className="reports-chart-card">
                  {groupChart && (
                    <EChart
                      testId="kpi-group-chart"
                      option={groupChart.option}
                      height={groupChart.height}
                      ariaLabel={t('byGroupChart', { kpi: kpiName, group: t(`by${view.by}`), period: periodLabel(view.period, locale) })}
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" className="reports-chart-card">
                  {trend.error && <Alert type="error" showIcon title={t('loadFailed') + trend.error} />}
                  {trendChart ? (
                    <EChart
                      testId="kpi-trend-chart"
                      option={trendChart}
                      height={phone ? 300 : 360}
                      ariaLabel={t('trendChart', { kpi: kpiName, count: TREND_MONTHS })}
                    />
                  ) : (
                    !trend.error && <div style={{ height: phone ? 300 : 360 }} />
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('trendNote')}
                  </Typography.Text>
                </Card>
              </Col>
            </Row>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('groupsTable')} · {t(`by${view.by}`)}
            </Typography.Title>
            <Table<Group>
              data-testid="kpi-groups"
              size="small"
              rowKey={(g) => g.key ?? ''}
              columns={columns}
              dataSource={report.groups}
              loading={fetching}
              pagination={false}
              scroll={{ x: 1500 }}
              onRow={() => ({ 'data-testid': 'kpi-group-row' }) as HTMLAttributes<HTMLElement>}
            />
          </>
        )}
        {!total && fetching && <div style={{ height: 200 }} />}
      </Flex>
    </Card>
  );
}

/** The target of `k` (the same for every group): from the totals. */
function g0(report: KpiReportQuery['kpiReport'] | undefined, k: TargetedKpi) {
  return report?.total[k] ?? { target: '0', goal: 'AT_LEAST' as const };
}

function costNote(total: ReportKpiFiguresFragment, year: number, t: (k: 'costYear', v: Record<string, string | number>) => string) {
  return t('costYear', { year, cost: money(total.yearCost), sales: money(total.yearSales) });
}
