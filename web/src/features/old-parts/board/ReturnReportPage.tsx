// The return progress report (旧件返司进度汇报表): the regulation's 18
// columns on screen for a date range and a region (both in the URL), and
// the same report as XLSX or CSV, downloaded with the session's token.
import { Alert, App, Button, Card, DatePicker, Flex, Grid, Select, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { expireSession, getSession } from '../../../app/session';
import { problemsOf, sentence } from '../../../components/errors';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import { OldPartReportRegionsDocument, OldPartReturnReportDocument, type OldPartReturnReportQuery } from '../../../gql/graphql';
import { downloadReport, type ReportFormat } from './download';
import { REPORT_COLUMNS } from './labels';
import { reportMessages } from './messages';
import { reportParamsOf, reportSearch, type ReportFilter } from './report';
import './board.css';

type Row = OldPartReturnReportQuery['oldPartReturnReport']['rows'][number];

const MONEY = new Set<keyof Row>(['unitPrice', 'total']);
const NUMBERS = new Set<keyof Row>(['quantity', 'unitPrice', 'total', 'delayDays']);

export default function ReturnReportPage() {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => reportParamsOf(params), [params]);
  const change = (next: Partial<ReportFilter>) => setParams(reportSearch({ ...filter, ...next }));

  const [{ data, error, fetching }, refetch] = useQuery({ query: OldPartReturnReportDocument, variables: filter });
  const [{ data: regionData }, regionsAgain] = useQuery({ query: OldPartReportRegionsDocument });
  useSignedInAgain(() => {
    refetch({ requestPolicy: 'network-only' });
    regionsAgain({ requestPolicy: 'network-only' });
  });
  const regions = useMemo(
    () => (regionData?.oldPartTotals ?? []).map((g) => g.key).filter(Boolean).sort((a, b) => a.localeCompare(b, 'zh')),
    [regionData],
  );
  const [downloading, setDownloading] = useState<ReportFormat | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  async function download(format: ReportFormat) {
    const session = getSession();
    if (!session || session.expired) {
      expireSession();
      return;
    }
    setDownloading(format);
    setDownloadError(null);
    const result = await downloadReport(format, filter, session.token);
    setDownloading(null);
    if (result.ok) {
      message.success(t('downloaded', { name: result.fileName }));
      return;
    }
    if (result.problems.some((p) => p.code === 'UNAUTHENTICATED')) expireSession();
    setDownloadError(t('downloadFailed') + result.problems.map((p) => sentence(p, locale)).join(' '));
  }

  const columns = useMemo<TableColumnsType<Row>>(
    () =>
      REPORT_COLUMNS.map((column) => ({
        key: column.key,
        dataIndex: column.key,
        // The regulation's headers are what users know; English adds a gloss.
        title:
          locale === 'zh' ? (
            column.zh
          ) : (
            <span title={column.en}>
              {column.zh}
              <div className="report-gloss">{column.en}</div>
            </span>
          ),
        align: NUMBERS.has(column.key) ? ('right' as const) : undefined,
        render: (value: Row[keyof Row]) => {
          if (value === null || value === undefined || value === '') return '—';
          if (column.key === 'delayDays') {
            return <span style={{ color: Number(value) > 0 ? '#cf1322' : undefined }}>{value}</span>;
          }
          if (column.key === 'reason' || column.key === 'remarks') {
            return (
              <div className="report-clip" title={String(value)}>
                {value}
              </div>
            );
          }
          return MONEY.has(column.key) ? Number(value).toFixed(2) : value;
        },
      })),
    [locale],
  );

  const report = data?.oldPartReturnReport;

  return (
    <Card
      title={t('title')}
      extra={!phone && <Link to="/old-parts">{t('board')}</Link>}
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex wrap gap={8} align={phone ? 'stretch' : 'center'} vertical={phone}>
          <DatePicker.RangePicker
            data-testid="report-dates"
            allowEmpty={[true, true]}
            placeholder={[t('from'), t('to')]}
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(range) =>
              change({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })
            }
            style={phone ? { width: '100%' } : undefined}
          />
          <Select
            data-testid="report-region"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('allRegions')}
            aria-label={t('region')}
            style={{ minWidth: 140, width: phone ? '100%' : undefined }}
            value={filter.region ?? undefined}
            options={regions.map((region) => ({ value: region, label: region }))}
            onChange={(region?: string) => change({ region: region ?? null })}
          />
          <Flex gap={8} style={phone ? undefined : { marginInlineStart: 'auto' }}>
            <Button
              type="primary"
              data-testid="download-xlsx"
              loading={downloading === 'xlsx'}
              onClick={() => download('xlsx')}
              block={phone}
            >
              {t('downloadXlsx')}
            </Button>
            <Button data-testid="download-csv" loading={downloading === 'csv'} onClick={() => download('csv')} block={phone}>
              {t('downloadCsv')}
            </Button>
          </Flex>
        </Flex>
        {downloadError && <Alert type="error" showIcon title={downloadError} data-testid="download-error" closable onClose={() => setDownloadError(null)} />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        {report && (
          <Typography.Text type="secondary" data-testid="report-as-of">
            {t('asOf', { date: report.asOf })} · {t('rows', { count: report.rows.length })}
          </Typography.Text>
        )}
        <Table<Row>
          data-testid="report-table"
          key={locale}
          rowKey={(row) => `${row.approvalNumber}:${row.partNumber}:${row.appliedOn}:${row.serialNumber}`}
          size="small"
          bordered
          loading={fetching && !data}
          dataSource={report?.rows ?? []}
          columns={columns}
          scroll={{ x: 2100 }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: t('empty') }}
        />
      </Flex>
    </Card>
  );
}
