// One next step as a form in a dialog. Its OK button sends the mutation with
// the part's version as read; a problem the server pins to a field shows
// next to it, the rest above the form, and CONFLICT offers a reload that
// keeps what was typed.
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useClient } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { OldPartDetailDocument, type OldPartFullFragment } from '../../../gql/graphql';
import { DISPOSITION, DISPOSITION_REASON, OUTCOME } from './labels';
import { boardMessages } from './messages';
import { dispositionsFor, REASONS_FOR, replyNeedsReason, type Step } from './steps';
import { formFieldOf, submitStep, type StepValues } from './submit';

interface Props {
  step: Step;
  part: OldPartFullFragment;
  onClose: () => void;
  onDone: () => void;
}

const pick = <E extends string>(labels: Record<E, [string, string]>, values: readonly E[], locale: 'zh' | 'en') =>
  values.map((value) => ({ value, label: labels[value][locale === 'zh' ? 0 : 1] }));

export function StepModal({ step, part: initial, onClose, onDone }: Props) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<StepValues>();
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // The part as the user saw it when the dialog opened: if someone else
  // moves it on meanwhile, the server says CONFLICT instead of the step
  // landing on a part the user has not seen.
  const [part, setPart] = useState(initial);
  const promisedOn = Form.useWatch('promisedOn', form) as Dayjs | null | undefined;
  const disposition = Form.useWatch('disposition', form);
  const outcome = Form.useWatch('outcome', form);
  const today = dayjs();
  const notAfterToday = (d: Dayjs) => d.isAfter(today, 'day');

  async function reload() {
    const result = await client.query(OldPartDetailDocument, { id: part.id }, { requestPolicy: 'network-only' }).toPromise();
    const fresh = result.data?.oldPart;
    if (fresh) {
      setPart(fresh);
      setConflict(false);
    }
  }

  async function submit() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    setConflict(false);
    const result = await submitStep(client, step, part, form.getFieldsValue(true) as StepValues);
    setSubmitting(false);
    const problems = problemsOf(result.error);
    if (problems.length === 0) {
      message.success(t('done', { step: t(step) }));
      onDone();
      onClose();
      return;
    }
    const fieldErrors = new Map<keyof StepValues, string[]>();
    const rest: string[] = [];
    for (const problem of problems.filter((p) => p.code !== 'CONFLICT')) {
      const field = problem.field ? formFieldOf(step, problem.field) : undefined;
      const text = sentence(problem, locale);
      if (field) fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), text]);
      else rest.push(text);
    }
    form.setFields([...fieldErrors.entries()].map(([name, errors]) => ({ name, errors })));
    setGeneral(rest);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  const required = [{ required: true, message: t('required') }];
  const dispositions = dispositionsFor(part);

  return (
    <Modal
      open
      title={`${t(step)} · ${part.approvalNumber}`}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ ...({ 'data-testid': 'step-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('conflict')}
          description={t('conflictHint')}
          data-testid="conflict"
          action={
            <Button size="small" data-testid="conflict-reload" onClick={reload}>
              {t('reload')}
            </Button>
          }
        />
      )}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="step-error" />
      ))}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={submitting}
        initialValues={{
          promisedOn: part.promisedOn ? dayjs(part.promisedOn) : null,
          reason: part.delayReason ?? '',
          disposition: dispositions[0],
          on: today,
          reviewedOn: today,
        }}
      >
        {step === 'REPLY' && (
          <>
            <Form.Item name="promisedOn" label={t('promisedOn')} rules={required}>
              <DatePicker data-testid="reply-date" style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(part.completedOn), 'day')} />
            </Form.Item>
            {replyNeedsReason(part.dueOn, promisedOn?.format('YYYY-MM-DD')) && (
              <Typography.Paragraph type="warning" data-testid="reply-late-hint">
                {t('replyLateHint', { due: part.dueOn })}
              </Typography.Paragraph>
            )}
            <Form.Item
              name="reason"
              label={t('delayReason')}
              rules={replyNeedsReason(part.dueOn, promisedOn?.format('YYYY-MM-DD')) ? [{ required: true, whitespace: true, message: t('required') }] : []}
            >
              <Input.TextArea data-testid="reply-reason" rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {step === 'ACCEPT_DELAY' && (
          <>
            <Typography.Paragraph>{t('acceptDelayConfirm')}</Typography.Paragraph>
            <Typography.Paragraph>
              {t('promisedOn')}: <strong>{part.promisedOn}</strong>
              <br />
              {t('delayReason')}: {part.delayReason}
            </Typography.Paragraph>
          </>
        )}
        {(step === 'COLLECT' || step === 'SHIP' || step === 'RECEIVE') && (
          <Form.Item name="on" label={t('stepOn')} rules={required}>
            <DatePicker data-testid="step-date" style={{ width: '100%' }} disabledDate={notAfterToday} />
          </Form.Item>
        )}
        {step === 'DISPOSE' && (
          <>
            <Form.Item name="disposition" label={t('disposition')} rules={required}>
              <Select
                data-testid="dispose-disposition"
                options={pick(DISPOSITION, dispositions, locale)}
                onChange={() => form.setFieldValue('dispositionReason', undefined)}
              />
            </Form.Item>
            <Form.Item name="dispositionReason" label={t('dispositionReason')} rules={required}>
              <Select data-testid="dispose-reason" options={pick(DISPOSITION_REASON, disposition ? REASONS_FOR[disposition] : [], locale)} />
            </Form.Item>
            <Form.Item name="remarks" label={t('remarks')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {step === 'OPEN_DETERMINATION' && (
          <>
            <Typography.Paragraph type="secondary">{t('reviewDeadlineHint')}</Typography.Paragraph>
            <Form.Item name="reviewedOn" label={t('reviewedOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
            </Form.Item>
            {part.part?.imported && (
              <Form.Item name="testedAbroad" valuePropName="checked">
                <Checkbox>{t('testedAbroad')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {step === 'DETERMINE' && (
          <>
            <Form.Item name="outcome" label={t('outcome')} rules={required}>
              <Select data-testid="determine-outcome" options={pick(OUTCOME, Object.keys(OUTCOME) as (keyof typeof OUTCOME)[], locale)} />
            </Form.Item>
            {outcome === 'SUPPLIER' && (
              <>
                <Form.Item name="supplierName" label={t('supplierName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item
                  name="claimAmount"
                  label={t('claimAmount')}
                  rules={[...required, { pattern: /^\d+(\.\d{1,2})?$/, message: t('amountFormat') }]}
                >
                  <Input inputMode="decimal" prefix="¥" />
                </Form.Item>
              </>
            )}
            <Form.Item name="notes" label={t('notes')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
