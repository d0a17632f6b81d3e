// One complaint: what the customer said, where it was routed and by when,
// how it was handled and answered; and the steps the signed-in user may take
// (take, answer, close). A problem the server pins to a field shows next to
// it; CONFLICT offers a reload that keeps what was typed.
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, Popconfirm, Radio, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient, type CombinedError, type OperationResult } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession } from '../../app/session';
import { problemsOf, sentence, splitByField } from '../../components/errors';
import { label, ROLE, SEVERITY } from '../../components/labels';
import {
  ComplaintAnswerDocument,
  ComplaintCloseDocument,
  ComplaintTakeDocument,
  type ComplaintItemFragment,
} from '../../gql/graphql';
import { CategoryTag, ComplaintStatusTag, RouteCountdown } from './ComplaintCells';
import { complaintMessages } from './messages';
import { offeredSteps, type ComplaintStep } from './steps';
import './complaints.css';

const ANSWER_FIELDS = ['handling', 'answer', 'attributableToService'] as const;

interface AnswerValues {
  handling?: string;
  answer?: string;
  attributableToService?: boolean;
}

interface Props {
  /** The complaint as last read (null: not read yet, or it could not be). */
  complaint: ComplaintItemFragment | null;
  /** Why it could not be read (not found, not yours to see, offline). */
  loadError?: CombinedError;
  onRetry: () => void;
  now: number;
  phone: boolean;
  onClose: () => void;
  /** A step went through: the complaint as it now is. */
  onChanged: (complaint: ComplaintItemFragment) => void;
  /** Read the list again (after a CONFLICT). */
  onReload: () => void;
}

function when(at: string | null | undefined) {
  return at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—';
}

export function ComplaintDrawer({ complaint, loadError, onRetry, now, phone, onClose, onChanged, onReload }: Props) {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<AnswerValues>();
  const [answering, setAnswering] = useState(false);
  const [busy, setBusy] = useState<ComplaintStep | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  const steps = complaint ? offeredSteps(complaint, getSession()?.user) : [];

  async function run(step: ComplaintStep) {
    if (!complaint) return;
    let values: AnswerValues = {};
    if (step === 'answer') {
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
    }
    setBusy(step);
    setGeneral([]);
    setConflict(false);
    const ref = { id: complaint.id, version: complaint.version };
    let result: OperationResult;
    let updated: ComplaintItemFragment | undefined;
    if (step === 'take') {
      const r = await client.mutation(ComplaintTakeDocument, { complaint: ref }).toPromise();
      [result, updated] = [r, r.data?.takeComplaint];
    } else if (step === 'answer') {
      const input = {
        complaint: ref,
        handling: (values.handling ?? '').trim(),
        answer: (values.answer ?? '').trim(),
        attributableToService: values.attributableToService ?? false,
      };
      const r = await client.mutation(ComplaintAnswerDocument, { input }).toPromise();
      [result, updated] = [r, r.data?.answerComplaint];
    } else {
      const r = await client.mutation(ComplaintCloseDocument, { complaint: ref }).toPromise();
      [result, updated] = [r, r.data?.closeComplaint];
    }
    setBusy(null);
    const problems = problemsOf(result.error);
    if (updated && problems.length === 0) {
      const done = step === 'take' ? 'taken' : step === 'answer' ? 'answered' : 'closed';
      message.success(t(done, { number: updated.number }));
      setAnswering(false);
      onChanged(updated);
      return;
    }
    // The shared sentences speak of tickets; these two are about the complaint.
    const own = problems.filter((p) => p.code === 'INVALID_TRANSITION').map(() => t('invalidStep'));
    const { fieldErrors, general } = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT' && p.code !== 'INVALID_TRANSITION'),
      step === 'answer' ? ANSWER_FIELDS : [],
      locale,
    );
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral([...own, ...general]);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  function reload() {
    setConflict(false);
    setGeneral([]);
    onReload();
  }

  const title = complaint ? (
    <Flex gap={8} wrap align="center">
      <span data-testid="complaint-number">{complaint.number}</span>
      <ComplaintStatusTag status={complaint.status} />
    </Flex>
  ) : (
    t('title')
  );

  return (
    <Drawer open title={title} onClose={onClose} size={phone ? '100%' : 560} destroyOnHidden data-testid="complaint-drawer">
      {!complaint ? (
        loadError ? (
          <Alert
            type="error"
            showIcon
            data-testid="complaint-load-error"
            title={t('loadOneFailed') + problemsOf(loadError).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={onRetry}>{t('retry')}</Button>}
          />
        ) : (
          <Spin style={{ display: 'block', margin: 24 }} />
        )
      ) : (
        <Flex vertical gap={16}>
          {conflict && (
            <Alert
              type="warning"
              showIcon
              title={t('conflict')}
              description={t('conflictHint')}
              data-testid="complaint-conflict"
              action={
                <Button size="small" onClick={reload}>
                  {t('reload')}
                </Button>
              }
            />
          )}
          {general.map((text) => (
            <Alert key={text} type="error" showIcon title={text} data-testid="complaint-error" />
          ))}
          <Descriptions
            column={1}
            size="small"
            bordered
            // A phone is too narrow for a label column: labels go above.
            layout={phone ? 'vertical' : 'horizontal'}
            styles={{ label: phone ? undefined : { width: 150 } }}
          >
            <Descriptions.Item label={t('category')}>
              <CategoryTag category={complaint.category} />
              {label(SEVERITY, complaint.severity, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customer')}>
              <div>{complaint.customer?.name ?? '—'}</div>
              {complaint.customer?.phone && (
                <a href={`tel:${complaint.customer.phone.replace(/[^\d+]/g, '')}`}>
                  <PhoneOutlined /> {complaint.customer.contactName} {complaint.customer.phone}
                </a>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('ticket')}>
              {complaint.ticket ? <Link to={`/tickets/${complaint.ticket.id}`}>{complaint.ticket.number}</Link> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('description')}>
              <span className="complaints-text">{complaint.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('receivedAt')}>{when(complaint.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('routedTo')}>
              {complaint.routedTo ? label(ROLE, complaint.routedTo, locale) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('routeDeadline')}>
              <Flex gap={8} wrap align="center">
                {complaint.routeDueAt && when(complaint.routeDueAt)}
                <RouteCountdown complaint={complaint} now={now} />
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('routedAt')}>{when(complaint.routedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('handler')}>
              <span data-testid="complaint-handler">{complaint.handlerName ?? '—'}</span>
            </Descriptions.Item>
            {complaint.handling && (
              <Descriptions.Item label={t('handling')}>
                <span className="complaints-text" data-testid="complaint-handling">
                  {complaint.handling}
                </span>
              </Descriptions.Item>
            )}
            {complaint.answer && (
              <Descriptions.Item label={t('answer')}>
                <span className="complaints-text">{complaint.answer}</span>
              </Descriptions.Item>
            )}
            {(complaint.status === 'ANSWERED' || complaint.status === 'CLOSED') && (
              <Descriptions.Item label={t('attributable')}>{t(complaint.attributableToService ? 'yes' : 'no')}</Descriptions.Item>
            )}
            {complaint.closedAt && <Descriptions.Item label={t('closedAt')}>{when(complaint.closedAt)}</Descriptions.Item>}
          </Descriptions>

          {answering && (
            <Form form={form} layout="vertical" requiredMark={false} disabled={busy !== null}>
              <Form.Item name="handling" label={t('handling')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                <Input.TextArea data-testid="complaint-handling-input" rows={3} maxLength={4000} />
              </Form.Item>
              <Form.Item name="answer" label={t('answer')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                <Input.TextArea data-testid="complaint-answer-input" rows={3} maxLength={4000} />
              </Form.Item>
              <Form.Item
                name="attributableToService"
                label={t('attributable')}
                extra={t('attributableHint')}
                initialValue={false}
              >
                <Radio.Group
                  data-testid="complaint-attributable"
                  optionType="button"
                  options={[
                    { value: false, label: t('no') },
                    { value: true, label: t('yes') },
                  ]}
                />
              </Form.Item>
              <Flex gap={8} justify="flex-end">
                <Button onClick={() => setAnswering(false)}>{t('cancel')}</Button>
                <Button type="primary" loading={busy === 'answer'} onClick={() => run('answer')} data-testid="complaint-answer-submit">
                  {t('submit')}
                </Button>
              </Flex>
            </Form>
          )}

          {!answering && (
            <Flex gap={8} wrap>
              {steps.includes('take') && (
                <Button type="primary" loading={busy === 'take'} onClick={() => run('take')} data-testid="complaint-take" title={t('takeHint')}>
                  {t('take')}
                </Button>
              )}
              {steps.includes('answer') && (
                <Button type={steps.includes('take') ? 'default' : 'primary'} onClick={() => setAnswering(true)} data-testid="complaint-answer">
                  {t('answerStep')}
                </Button>
              )}
              {steps.includes('close') && (
                <Popconfirm
                  title={t('closeConfirm')}
                  okText={t('close')}
                  cancelText={t('cancel')}
                  onConfirm={() => run('close')}
                  okButtonProps={{ ...({ 'data-testid': 'complaint-close-confirm' } as object) }}
                >
                  <Button type="primary" loading={busy === 'close'} data-testid="complaint-close">
                    {t('close')}
                  </Button>
                </Popconfirm>
              )}
              {steps.length === 0 && complaint.status !== 'CLOSED' && <Typography.Text type="secondary">{t('noSteps')}</Typography.Text>}
            </Flex>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
