// Bulk import for administrators: choose what the file holds, preview it
// (every row's problem, nothing written), then import it — all of it, or
// the good rows only when some are bad — and read what happened. The file
// goes to `POST /imports/{kind}` (beside the exports), not through GraphQL:
// 50 000 rows are megabytes, past the GraphQL body limit.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Segmented, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../../app/i18n';
import { expireSession, getSession } from '../../../app/session';
import { sentence, type Problem } from '../../../components/errors';
import { COLUMNS, importMessages } from './messages';
import { IMPORT_KINDS, offerFor, sendFile, type ImportAnswer, type ImportKind, type ImportReport, type RowProblem } from './upload';

type Key = keyof (typeof importMessages)['zh'];

const KIND_LABEL: Record<ImportKind, Key> = {
  units: 'kindUnits',
  customers: 'kindCustomers',
  dealers: 'kindDealers',
  parts: 'kindParts',
  stock: 'kindStock',
};

const CODE_LABEL: Partial<Record<string, Key>> = {
  REQUIRED: 'codeRequired',
  BAD_DATE: 'codeBadDate',
  BAD_PHONE: 'codeBadPhone',
  BAD_NUMBER: 'codeBadNumber',
  INVALID: 'codeInvalid',
  UNKNOWN_MODEL: 'codeUnknownModel',
  UNKNOWN_CUSTOMER: 'codeUnknownCustomer',
  UNKNOWN_DEALER: 'codeUnknownDealer',
  UNKNOWN_PART: 'codeUnknownPart',
  UNKNOWN_WAREHOUSE: 'codeUnknownWarehouse',
  AMBIGUOUS: 'codeAmbiguous',
  DUPLICATE: 'codeDuplicate',
};

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export default function ImportPage() {
  const t = useT(importMessages);
  const { locale } = useLocale();
  const [kind, setKind] = useState<ImportKind>('units');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const columns = COLUMNS[kind] ?? [];
  const columnLabel = (name: string) => {
    const found = columns.find(([n]) => n === name);
    return found ? (locale === 'zh' ? found[1] : found[0]) : name;
  };

  function reset(next?: { kind?: ImportKind; file?: File | null }) {
    if (next?.kind) setKind(next.kind);
    if (next && 'file' in next) setFile(next.file ?? null);
    setPreview(null);
    setResult(null);
    setProblem(null);
  }

  async function send(mode: 'preview' | 'commit', skipInvalid: boolean) {
    if (!file) {
      setProblem({ code: 'VALIDATION', field: 'file', detail: t('chooseFile') });
      return;
    }
    setBusy(mode);
    setProblem(null);
    const answer: ImportAnswer = await sendFile(file, kind, mode, skipInvalid, getSession()?.token);
    setBusy(null);
    if (!answer.ok) {
      if (answer.problem.code === 'UNAUTHENTICATED') expireSession();
      setProblem(answer.problem);
      if (answer.report) setPreview(answer.report);
      return;
    }
    if (mode === 'preview') setPreview(answer.report);
    else setResult(answer.report);
  }

  const problemText = (p: Problem) =>
    p.code === 'PAYLOAD_TOO_LARGE' ? t('tooLarge', { detail: p.detail }) : sentence(p, locale);
  const offer = preview ? offerFor(preview) : null;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }} data-testid="import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Card>
        <Flex vertical gap={12}>
          <div>
            <Typography.Text strong>{t('kind')}</Typography.Text>
            <div style={{ overflowX: 'auto', marginTop: 8 }}>
              <Segmented
                data-testid="import-kind"
                value={kind}
                onChange={(value) => reset({ kind: value as ImportKind })}
                options={IMPORT_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
              />
            </div>
          </div>
          <Typography.Text type="secondary">
            {t('columns', {
              columns: columns
                .map(([name, zh, required]) => `${locale === 'zh' ? zh : name}${required ? '*' : ''}`)
                .join(locale === 'zh' ? '、' : ', '),
            })}
          </Typography.Text>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                reset({ file: chosen });
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('drop')}</p>
              {file && (
                <p className="ant-upload-hint" data-testid="import-file-name">
                  {t('chosen', { name: file.name, size: size(file.size) })}
                </p>
              )}
            </Upload.Dragger>
          </div>
          {problem && (
            <Alert type="error" showIcon message={problemText(problem)} data-testid="import-error" />
          )}
          <Flex gap={8} wrap>
            <Button
              type={preview ? 'default' : 'primary'}
              onClick={() => void send('preview', false)}
              loading={busy === 'preview'}
              disabled={busy !== null}
              data-testid="import-preview"
            >
              {busy === 'preview' ? t('previewing') : t('preview')}
            </Button>
            {preview && !result && offer && offer.kind !== 'nothing' && (
              <Button
                type="primary"
                danger={offer.kind === 'skip'}
                onClick={() => void send('commit', offer.kind === 'skip')}
                loading={busy === 'commit'}
                disabled={busy !== null}
                data-testid="import-commit"
              >
                {busy === 'commit'
                  ? t('importing')
                  : offer.kind === 'skip'
                    ? t('importSkipping', { rows: offer.rows, skipped: offer.skipped })
                    : t('importRows', { rows: offer.rows })}
              </Button>
            )}
          </Flex>
          {preview && offer?.kind === 'nothing' && !result && (
            <Alert type="info" showIcon message={t('nothingToImport')} data-testid="import-nothing" />
          )}
          {result && (
            <Alert
              type="success"
              showIcon
              data-testid="import-result"
              message={
                result.committed
                  ? t('done', {
                      created: result.created,
                      updated: result.updated,
                      unchanged: result.unchanged,
                      skipped: result.skipped,
                    })
                  : t('doneNothing')
              }
              action={
                <Button size="small" onClick={() => reset({ file: null })}>
                  {t('again')}
                </Button>
              }
            />
          )}
        </Flex>
      </Card>
      {preview && <PreviewCard report={preview} columnLabel={columnLabel} />}
    </Flex>
  );
}

function PreviewCard({ report, columnLabel }: { report: ImportReport; columnLabel: (name: string) => string }) {
  const t = useT(importMessages);
  const counts: [Key, number][] = [
    ['rows', report.rows],
    ['created', report.created],
    ['updated', report.updated],
    ['unchanged', report.unchanged],
    ['invalid', report.invalid],
  ];
  return (
    <Card title={t('problems')} data-testid="import-preview-card">
      <Descriptions
        size="small"
        column={{ xs: 2, sm: 3, md: 5 }}
        data-testid="import-counts"
        items={counts.map(([key, value]) => ({
          key,
          label: t(key),
          children: <span data-testid={`import-count-${key}`}>{value}</span>,
        }))}
      />
      {report.problemCount === 0 ? (
        <Typography.Text type="success">{t('noProblems')}</Typography.Text>
      ) : (
        <>
          {report.problemCount > report.problems.length && (
            <Typography.Paragraph type="warning">
              {t('problemsCapped', { total: report.problemCount, shown: report.problems.length })}
            </Typography.Paragraph>
          )}
          <Table<RowProblem>
            data-testid="import-problems"
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
            dataSource={report.problems}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 640 }}
            onRow={(p) => ({ 'data-row': p.row, 'data-code': p.code }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('row'), dataIndex: 'row', width: 80 },
              { title: t('column'), dataIndex: 'column', width: 140, render: (c: string) => columnLabel(c) },
              {
                title: t('problem'),
                key: 'problem',
                render: (_, p) => {
                  const label = CODE_LABEL[p.code];
                  return (
                    <span>
                      <Tag color="red">{label ? t(label) : p.code}</Tag>
                      <Typography.Text type="secondary">{p.message}</Typography.Text>
                    </span>
                  );
                },
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
