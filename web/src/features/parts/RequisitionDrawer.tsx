// One requisition: its lines against what is on hand in its warehouse, and
// the steps the viewer may take. Issuing is all lines or none: a shortage
// is refused by the server with the short part named, and nothing changes.
// A requisition changed by someone else meanwhile is a CONFLICT: reload.
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Grid, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { problemsOf } from '../../components/errors';
import { label } from '../../components/labels';
import {
  ApproveRequisitionDocument,
  IssueRequisitionDocument,
  RejectRequisitionDocument,
  ReturnLeftoversDocument,
  StockLevelsDocument,
  type RequisitionRowFragment,
} from '../../gql/graphql';
import { REQUISITION_STATUS } from './labels';
import { partsMessages } from './messages';
import { stockSentence } from './problems';
import { lineStock, outstanding, stepsFor, type RequisitionStep } from './requisition';
import { TicketNumber } from './TicketNumber';

type Line = RequisitionRowFragment['lines'][number];

export const STATUS_COLOR: Record<RequisitionRowFragment['status'], string> = {
  REQUESTED: 'gold',
  APPROVED: 'blue',
  REJECTED: 'default',
  ISSUED: 'green',
  CLOSED: 'default',
};

interface Props {
  requisition: RequisitionRowFragment;
  onClose: () => void;
  /** A step went through: the requisition as it is now. */
  onChanged: (requisition: RequisitionRowFragment) => void;
  /** Someone else changed it: load it again. */
  onReload: () => void;
}

export function RequisitionDrawer({ requisition, onClose, onChanged, onReload }: Props) {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const client = useClient();
  const roles = getSession()?.user.roles ?? [];
  const steps = stepsFor(requisition.status, roles);
  const warehouseId = requisition.warehouse?.id ?? null;
  const [{ data: stock }, stockAgain] = useQuery({
    query: StockLevelsDocument,
    variables: { warehouseId },
    pause: !warehouseId,
    requestPolicy: 'network-only',
  });
  const onHand = useMemo(
    () => new Map((stock?.stockLevels ?? []).map((level) => [level.part?.id ?? '', level.onHand])),
    [stock],
  );
  const [busy, setBusy] = useState<RequisitionStep | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [returning, setReturning] = useState(false);
  const [back, setBack] = useState<Record<string, number | null>>({});

  const ref = { id: requisition.id, version: requisition.version };
  const short = requisition.lines
    .map((line) => ({ line, stock: lineStock(line, onHand) }))
    .filter(({ stock: s }) => s.short > 0);
  const showIssueCheck = requisition.status === 'APPROVED' && stock !== undefined;

  async function run(step: RequisitionStep) {
    setBusy(step);
    setProblems([]);
    setConflict(false);
    let result;
    let done: RequisitionRowFragment | undefined;
    switch (step) {
      case 'approve':
        result = await client.mutation(ApproveRequisitionDocument, { input: ref }).toPromise();
        done = result.data?.approveRequisition.requisition;
        break;
      case 'reject':
        result = await client.mutation(RejectRequisitionDocument, { input: ref }).toPromise();
        done = result.data?.rejectRequisition.requisition;
        break;
      case 'issue':
        result = await client.mutation(IssueRequisitionDocument, { input: ref }).toPromise();
        done = result.data?.issueRequisition.requisition;
        break;
      case 'returnLeftovers': {
        const lines = requisition.lines
          .filter((line) => line.part && (back[line.part.id] ?? 0) > 0)
          .map((line) => ({ partId: line.part?.id ?? '', quantity: back[line.part?.id ?? ''] ?? 0 }));
        result = await client.mutation(ReturnLeftoversDocument, { input: { requisition: ref, lines } }).toPromise();
        done = result.data?.returnLeftovers.requisition;
        break;
      }
    }
    setBusy(null);
    stockAgain({ requestPolicy: 'network-only' });
    if (done) {
      const text = {
        approve: t('doneApprove'),
        reject: t('doneReject'),
        issue: t('doneIssueRequisition'),
        returnLeftovers: t('doneReturnLeftovers'),
      }[step];
      message.success(text);
      setReturning(false);
      setBack({});
      onChanged(done);
      return;
    }
    const found = problemsOf(result.error);
    setConflict(found.some((p) => p.code === 'CONFLICT'));
    setProblems(found.filter((p) => p.code !== 'CONFLICT').map((p) => stockSentence(p, locale)));
  }

  // One definition per line field: a table column on a desk, a row of a card on a phone.
  const partOf = (line: Line) => (
    <span>
      <Typography.Text strong>{line.part?.partNumber}</Typography.Text> {line.part?.name}
      {line.part?.valuable && (
        <Tag color="gold" style={{ marginLeft: 4 }}>
          {t('valuable')}
        </Tag>
      )}
    </span>
  );
  const availableOf = (line: Line) => {
    const s = lineStock(line, onHand);
    if (!stock) return '…';
    const shown = s.available ?? t('noStockRow');
    return requisition.status === 'APPROVED' && s.short > 0 ? (
      <Typography.Text type="danger" data-testid="line-short">
        {shown} ({t('shortBy', { count: s.short })})
      </Typography.Text>
    ) : (
      <span data-testid="line-available">{shown}</span>
    );
  };
  const fields: { key: string; title: string; value: (line: Line) => ReactNode }[] = [
    { key: 'requested', title: t('requested'), value: (line) => line.quantityRequested },
    { key: 'available', title: t('available'), value: availableOf },
    { key: 'issued', title: t('issued'), value: (line) => line.quantityIssued },
    { key: 'returned', title: t('returned'), value: (line) => line.quantityReturned },
    ...(returning
      ? [
          {
            key: 'back',
            title: t('comesBack'),
            value: (line: Line) => (
              <InputNumber
                data-testid={`leftover-${line.part?.partNumber ?? ''}`}
                min={0}
                max={outstanding(line)}
                precision={0}
                value={back[line.part?.id ?? ''] ?? 0}
                onChange={(value) => setBack((previous) => ({ ...previous, [line.part?.id ?? '']: value }))}
                style={{ width: 90 }}
              />
            ),
          },
        ]
      : []),
  ];
  const lineColumns = [
    { title: t('part'), key: 'part', render: (_: unknown, line: Line) => partOf(line) },
    ...fields.map((field) => ({
      title: field.title,
      key: field.key,
      align: 'right' as const,
      render: (_: unknown, line: Line) => field.value(line),
    })),
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 720}
      title={
        <Flex gap={8} align="center" wrap>
          {t('requisitionDetail')}
          <Tag color={STATUS_COLOR[requisition.status]} data-testid="requisition-status" data-status={requisition.status}>
            {label(REQUISITION_STATUS, requisition.status, locale)}
          </Tag>
        </Flex>
      }
      destroyOnHidden
    >
      <Flex vertical gap={16} data-testid="requisition-detail">
        <Descriptions size="small" column={phone ? 1 : 2} bordered>
          <Descriptions.Item label={t('ticket')}>
            <TicketNumber id={requisition.ticketId} />
          </Descriptions.Item>
          <Descriptions.Item label={t('engineer')}>{requisition.engineer?.displayName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('warehouse')}>
            {requisition.warehouse ? `${requisition.warehouse.code} · ${requisition.warehouse.name}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('requestedAt')}>{dayjs(requisition.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          {requisition.approvedAt && (
            <Descriptions.Item label={t('approvedAt')}>{dayjs(requisition.approvedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          )}
          {requisition.issuedAt && (
            <Descriptions.Item label={t('issuedAt')}>{dayjs(requisition.issuedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          )}
        </Descriptions>
        {phone ? (
          <Flex vertical gap={8}>
            {requisition.lines.map((line, index) => (
              <Card
                key={line.part?.id ?? index}
                size="small"
                data-testid="requisition-line"
                data-part={line.part?.partNumber}
                title={partOf(line)}
              >
                {fields.map((field) => (
                  <Flex key={field.key} justify="space-between" align="center" gap={8}>
                    <Typography.Text type="secondary">{field.title}</Typography.Text>
                    {field.value(line)}
                  </Flex>
                ))}
              </Card>
            ))}
          </Flex>
        ) : (
          <Table<Line>
            size="small"
            columns={lineColumns}
            dataSource={requisition.lines}
            rowKey={(line) => line.part?.id ?? ''}
            pagination={false}
            onRow={(line) => ({ 'data-testid': 'requisition-line', 'data-part': line.part?.partNumber }) as object}
          />
        )}
        {showIssueCheck && short.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="requisition-short"
            title={t('shortWarning', {
              parts: short.map(({ line, stock: s }) => `${line.part?.partNumber ?? ''} (${t('shortBy', { count: s.short })})`).join('、'),
            })}
          />
        )}
        {requisition.status === 'REQUESTED' && !steps.includes('approve') && (
          <Alert type="info" showIcon title={t('onlyManagerApproves')} />
        )}
        {conflict && (
          <Alert
            type="warning"
            showIcon
            data-testid="conflict"
            title={t('conflict')}
            description={t('conflictHint')}
            action={
              <Button
                size="small"
                data-testid="conflict-reload"
                onClick={() => {
                  setConflict(false);
                  onReload();
                }}
              >
                {t('reload')}
              </Button>
            }
          />
        )}
        {problems.map((text) => (
          <Alert key={text} type="error" showIcon title={text} data-testid="requisition-error" />
        ))}
        {returning && <Typography.Text type="secondary">{t('returnLeftoversHint')}</Typography.Text>}
        <Flex gap={8} wrap justify="flex-end">
          {steps.includes('reject') && (
            <Popconfirm title={t('rejectConfirm')} okText={t('reject')} cancelText={t('cancel')} onConfirm={() => run('reject')}>
              <Button danger loading={busy === 'reject'} disabled={busy !== null} data-testid="requisition-reject">
                {t('reject')}
              </Button>
            </Popconfirm>
          )}
          {steps.includes('approve') && (
            <Button
              type="primary"
              loading={busy === 'approve'}
              disabled={busy !== null}
              onClick={() => run('approve')}
              data-testid="requisition-approve"
            >
              {t('approve')}
            </Button>
          )}
          {steps.includes('issue') && (
            <Popconfirm
              title={t('issueConfirm')}
              okText={t('issueAll')}
              cancelText={t('cancel')}
              onConfirm={() => run('issue')}
              okButtonProps={{ ...({ 'data-testid': 'requisition-issue-confirm' } as object) }}
            >
              <Button type="primary" loading={busy === 'issue'} disabled={busy !== null} data-testid="requisition-issue">
                {t('issueAll')}
              </Button>
            </Popconfirm>
          )}
          {steps.includes('returnLeftovers') &&
            (returning ? (
              <>
                <Button onClick={() => setReturning(false)} disabled={busy !== null}>
                  {t('cancel')}
                </Button>
                <Button
                  type="primary"
                  loading={busy === 'returnLeftovers'}
                  onClick={() => run('returnLeftovers')}
                  data-testid="requisition-return-submit"
                >
                  {t('returnLeftovers')}
                </Button>
              </>
            ) : (
              <Button onClick={() => setReturning(true)} data-testid="requisition-return">
                {t('returnLeftovers')}
              </Button>
            ))}
        </Flex>
      </Flex>
    </Drawer>
  );
}
