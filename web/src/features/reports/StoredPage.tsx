// Stored reports: the scheduled ones and those generated on demand, newest
// first, each with its workbook and chart to download; and a form to
// generate one for a period now. The kind shown and how many live in the URL.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, sentence, splitByField } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import type { ReportKind } from '../../gql/enums';
import { GenerateReportDocument, StoredReportsDocument, type StoredReportRowFragment } from '../../gql/graphql';
import { download } from './download';
import { reportMessages, type ReportMessage } from './messages';
import { parsePeriod, periodContaining, periodLabel, periodText, previousPeriod, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import './reports.css';

const KINDS: readonly ReportKind[] = ['FAILURE_RECURRENCE', 'KPI'];
const PAGE = 20;
const MOST = 200;

type Row = StoredReportRowFragment;

const kindKey = (kind: string): ReportMessage =>
  kind === 'FAILURE_RECURRENCE' || kind === 'KPI' ? `kind${kind}` : 'kind';

function Downloads({ row }: { row: Row }) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const files = [
    { key: 'xlsx', url: row.xlsxUrl, label: t('workbook'), name: `report-${row.id}.xlsx` },
    { key: 'svg', url: row.chartUrl, label: t('chartSvg'), name: `report-${row.id}.svg` },
    { key: 'png', url: row.chartPngUrl, label: t('chartPng'), name: `report-${row.id}.png` },
  ];
  const get = async (file: (typeof files)[number]) => {
    setBusy(file.key);
    const problem = await download(file.url, file.name);
    setBusy(null);
    if (problem) void message.error(t('downloadFailed') + sentence(problem, locale));
  };
  return (
    <Space size={[4, 4]} wrap>
      {files.map((file) => (
        <Button
          key={file.key}
          size="small"
          icon={<DownloadOutlined />}
          loading={busy === file.key}
          data-testid={`download-${file.key}`}
          onClick={() => void get(file)}
        >
          {file.label}
        </Button>
      ))}
    </Space>
  );
}

function periodWords(text: string, locale: 'zh' | 'en'): string {
  const p = parsePeriod(text);
  return p ? periodLabel(p, locale) : text;
}

function GenerateForm({ onDone }: { onDone: (row: Row) => void }) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ReportKind>('FAILURE_RECURRENCE');
  // The last finished quarter or month is what one usually reports on.
  const [period, setPeriod] = useState<Period>(() => previousPeriod(periodContaining('quarter', new Date())));
  const [{ fetching }, generate] = useMutation(GenerateReportDocument);
  const [errors, setErrors] = useState<{ kind?: string[]; period?: string[]; general: string[] }>({ general: [] });

  const chooseKind = (next: ReportKind) => {
    setKind(next);
    if (next === 'FAILURE_RECURRENCE' && period.kind !== 'quarter') setPeriod(previousPeriod(periodContaining('quarter', new Date())));
  };

  const submit = async () => {
    setErrors({ general: [] });
    const result = await generate({ kind, period: periodText(period) });
    if (result.error) {
      const { fieldErrors, general } = splitByField(problemsOf(result.error), ['kind', 'period'] as const, locale);
      const by = Object.fromEntries(fieldErrors.map((f) => [f.name, f.errors]));
      setErrors({ ...by, general });
      return;
    }
    if (result.data) {
      const row = result.data.generateReport;
      void message.success(t('generated', { kind: t(kindKey(row.kind)), period: periodWords(row.period, locale) }));
      onDone(row);
    }
  };

  return (
    <Form layout="vertical" onFinish={() => void submit()} data-testid="generate-form">
      <Flex wrap gap={12} align="flex-end">
        <Form.Item label={t('kind')} validateStatus={errors.kind ? 'error' : undefined} help={errors.kind?.join(' ')} style={{ marginBottom: 0 }}>
          <Select<ReportKind>
            data-testid="generate-kind"
            style={{ width: 240, maxWidth: '100%' }}
            value={kind}
            options={KINDS.map((k) => ({ value: k, label: t(`kind${k}`) }))}
            onChange={chooseKind}
          />
        </Form.Item>
        <Form.Item label={t('period')} validateStatus={errors.period ? 'error' : undefined} help={errors.period?.join(' ')} style={{ marginBottom: 0 }}>
          <PeriodPicker
            value={period}
            kinds={kind === 'KPI' ? ['month', 'quarter', 'year'] : ['quarter']}
            onChange={setPeriod}
            testId="generate-period"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching} data-testid="generate-submit">
          {fetching ? t('generating') : t('generate')}
        </Button>
      </Flex>
      {errors.general.length > 0 && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errors.general.join(' ')} />}
    </Form>
  );
}

export default function StoredPage() {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const kind = KINDS.find((k) => k === params.get('kind')) ?? null;
  const first = Math.min(MOST, Math.max(PAGE, Number(params.get('n')) || PAGE));
  const setView = (nextKind: ReportKind | null, n: number) => {
    const next: Record<string, string> = {};
    if (nextKind) next.kind = nextKind;
    if (n > PAGE) next.n = String(n);
    setParams(next);
  };
  const [{ data, fetching, error }, refetch] = useQuery({ query: StoredReportsDocument, variables: { kind, first } });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const [fresh, setFresh] = useState<string | null>(null);
  const rows = data?.reports ?? [];

  const columns: ColumnsType<Row> = [
    {
      key: 'kind',
      title: t('kind'),
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{t(kindKey(r.kind))}</span>
          {r.id === fresh && <Tag color="processing">{t('fresh')}</Tag>}
        </Space>
      ),
    },
    { key: 'period', title: t('period'), render: (_, r) => <span data-testid="report-period">{periodWords(r.period, locale)}</span> },
    { key: 'at', title: t('generatedAt'), render: (_, r) => dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'origin',
      title: t('origin'),
      render: (_, r) => (r.scheduled ? <Tag color="blue">{t('scheduled')}</Tag> : <Tag>{t('manual')}</Tag>),
    },
    { key: 'files', title: t('files'), render: (_, r) => <Downloads row={r} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <Card title={t('generate')} styles={{ body: { padding: phone ? 12 : undefined } }}>
        <GenerateForm
          onDone={(row) => {
            setFresh(row.id);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      </Card>
      <Card
        title={t('storedTitle')}
        styles={{ body: { padding: phone ? 12 : undefined } }}
        extra={
          <Select<ReportKind | 'ALL'>
            data-testid="stored-kind"
            aria-label={t('kind')}
            style={{ width: phone ? 150 : 220 }}
            value={kind ?? 'ALL'}
            options={[{ value: 'ALL', label: t('kindAll') }, ...KINDS.map((k) => ({ value: k, label: t(`kind${k}`) }))]}
            onChange={(k) => setView(k === 'ALL' ? null : k, PAGE)}
          />
        }
      >
        <Flex vertical gap={12}>
          {error && (
            <Alert
              type="error"
              showIcon
              title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
              action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
            />
          )}
          {phone ? (
            <Flex vertical gap={8} data-testid="stored-reports">
              {data && rows.length === 0 && <Typography.Text type="secondary">{t('noReports')}</Typography.Text>}
              {rows.map((r) => (
                <Card key={r.id} size="small" data-testid="stored-row" data-id={r.id}>
                  <Flex vertical gap={6}>
                    <Flex justify="space-between" gap={8} wrap>
                      <Typography.Text strong>{t(kindKey(r.kind))}</Typography.Text>
                      {r.scheduled ? <Tag color="blue">{t('scheduled')}</Tag> : <Tag>{t('manual')}</Tag>}
                    </Flex>
                    <Typography.Text>
                      <span data-testid="report-period">{periodWords(r.period, locale)}</span> ·{' '}
                      {dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm')}
                      {r.id === fresh && (
                        <Tag color="processing" style={{ marginLeft: 8 }}>
                          {t('fresh')}
                        </Tag>
                      )}
                    </Typography.Text>
                    <Downloads row={r} />
                  </Flex>
                </Card>
              ))}
            </Flex>
          ) : (
            <Table<Row>
              data-testid="stored-reports"
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={fetching && !data}
              pagination={false}
              locale={{ emptyText: t('noReports') }}
              onRow={(r) => ({ 'data-testid': 'stored-row', 'data-id': r.id }) as HTMLAttributes<HTMLElement>}
            />
          )}
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary">{t('shown', { count: rows.length })}</Typography.Text>
            {rows.length >= first && first < MOST && (
              <Button data-testid="stored-more" onClick={() => setView(kind, first + PAGE)}>
                {t('more')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
