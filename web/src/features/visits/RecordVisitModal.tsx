// Records one return visit in one step: channel, score, solved, comments;
// when the customer is dissatisfied (2 or less, or not solved) the choice of
// a complaint or a rework and its fields appear in the same form, and the
// server files or orders it with the visit. A problem the server pins to a
// field shows next to it; CONFLICT offers a reload that keeps what was typed.
import { Alert, Button, Form, Input, Modal, Radio, Rate, Select } from 'antd';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, splitByField } from '../../components/errors';
import { options, SEVERITY } from '../../components/labels';
import type { ComplaintCategory, VisitChannel } from '../../gql/enums';
import {
  VisitRecordDocument,
  VisitReworkEngineersDocument,
  VisitTicketVersionDocument,
  type WorkVisitFragment,
} from '../../gql/graphql';
import { visitMessages } from './messages';
import { dissatisfied, recordInput, VISIT_FIELDS, type FollowUpChoice, type VisitValues } from './visit';

const CHANNELS: VisitChannel[] = ['PHONE', 'SMS', 'EMAIL', 'ON_SITE'];
const CATEGORIES: ComplaintCategory[] = ['SERVICE_ATTITUDE', 'QUALITY', 'DELIVERY', 'PRICE'];

export interface Recorded {
  ticketId: string;
  number: string;
  followUp: FollowUpChoice | null;
}

interface Props {
  visit: WorkVisitFragment & { ticket: NonNullable<WorkVisitFragment['ticket']> };
  onClose: () => void;
  onRecorded: (recorded: Recorded) => void;
}

function ReworkEngineer() {
  const t = useT(visitMessages);
  const [{ data, fetching }] = useQuery({ query: VisitReworkEngineersDocument });
  return (
    <Form.Item name="engineerId" label={t('engineer')}>
      <Select
        data-testid="visit-rework-engineer"
        allowClear
        loading={fetching}
        placeholder={t('engineerSame')}
        showSearch={{ optionFilterProp: 'label' }}
        options={(data?.engineers.nodes ?? []).map((e) => ({
          value: e.id,
          label: `${e.displayName} · ${e.region}${e.onDuty ? '' : ` · ${t('offDuty')}`}`,
          disabled: !e.onDuty,
        }))}
      />
    </Form.Item>
  );
}

function FollowUpFields() {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const followUp = Form.useWatch<FollowUpChoice | undefined>('followUp');
  const category = Form.useWatch<ComplaintCategory | undefined>('category');
  const required = [{ required: true, whitespace: true, message: t('required') }];
  return (
    <>
      <Alert type="warning" showIcon title={t('dissatisfiedNotice')} style={{ marginBottom: 16 }} data-testid="visit-dissatisfied" />
      <Form.Item name="followUp" label={t('followUp')} rules={[{ required: true, message: t('required') }]}>
        <Radio.Group
          data-testid="visit-follow-up"
          optionType="button"
          options={[
            { value: 'complaint', label: t('followUpComplaint') },
            { value: 'rework', label: t('followUpRework') },
          ]}
        />
      </Form.Item>
      {followUp === 'complaint' && (
        <>
          <Form.Item
            name="category"
            label={t('category')}
            initialValue="SERVICE_ATTITUDE"
            extra={category === 'QUALITY' ? t('qualityRouted') : undefined}
          >
            <Select data-testid="visit-category" options={CATEGORIES.map((c) => ({ value: c, label: t(`category_${c}`) }))} />
          </Form.Item>
          <Form.Item name="severity" label={t('severity')} initialValue="GENERAL">
            <Select data-testid="visit-severity" options={options(SEVERITY, locale)} />
          </Form.Item>
          <Form.Item name="description" label={t('description')} rules={required}>
            <Input.TextArea data-testid="visit-description" rows={3} maxLength={4000} />
          </Form.Item>
        </>
      )}
      {followUp === 'rework' && (
        <>
          <Form.Item name="reason" label={t('reason')} rules={required}>
            <Input.TextArea data-testid="visit-reason" rows={3} maxLength={2000} />
          </Form.Item>
          <ReworkEngineer />
        </>
      )}
    </>
  );
}

export function RecordVisitModal({ visit, onClose, onRecorded }: Props) {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const client = useClient();
  const [form] = Form.useForm<VisitValues>();
  const satisfaction = Form.useWatch<number | undefined>('satisfaction', form);
  const solved = Form.useWatch<boolean | undefined>('solved', form);
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [gone, setGone] = useState(false);
  // The version the user saw: if the ticket moves on meanwhile the server
  // says CONFLICT rather than record a visit on a ticket nobody has seen.
  const [version, setVersion] = useState(visit.ticket.version);
  const unhappy = dissatisfied(satisfaction, solved);

  async function reload() {
    const result = await client
      .query(VisitTicketVersionDocument, { id: visit.ticket.id }, { requestPolicy: 'network-only' })
      .toPromise();
    const fresh = result.data?.ticket;
    if (!fresh) return;
    setVersion(fresh.version);
    setConflict(false);
    setGone(!fresh.allowedActions.includes('VISIT'));
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
    const values = form.getFieldsValue(true) as VisitValues;
    const result = await client
      .mutation(VisitRecordDocument, { input: recordInput({ id: visit.ticket.id, version }, values) })
      .toPromise();
    setSubmitting(false);
    const problems = problemsOf(result.error);
    if (problems.length === 0) {
      onRecorded({
        ticketId: visit.ticket.id,
        number: visit.ticket.number,
        followUp: dissatisfied(values.satisfaction, values.solved) ? (values.followUp ?? null) : null,
      });
      return;
    }
    const { fieldErrors, general } = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT'),
      VISIT_FIELDS,
      locale,
    );
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(general);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  const scores = locale === 'zh' ? ['非常不满意', '不满意', '一般', '满意', '非常满意'] : ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];

  return (
    <Modal
      open
      title={t('dialogTitle', { number: visit.ticket.number })}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ disabled: gone, ...({ 'data-testid': 'visit-submit' } as object) }}
      width={560}
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
          data-testid="visit-conflict"
          action={
            <Button size="small" onClick={reload} data-testid="visit-conflict-reload">
              {t('reload')}
            </Button>
          }
        />
      )}
      {gone && <Alert type="info" showIcon title={t('gone')} style={{ marginBottom: 16 }} />}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="visit-error" />
      ))}
      <Form form={form} layout="vertical" requiredMark={false} disabled={submitting}>
        <Form.Item name="channel" label={t('channel')} initialValue="PHONE">
          <Radio.Group
            data-testid="visit-channel"
            optionType="button"
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel_${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="satisfaction"
          label={t('satisfaction')}
          extra={t('satisfactionHint')}
          rules={[{ required: true, message: t('chooseScore') }]}
        >
          <Rate data-testid="visit-satisfaction" allowClear={false} tooltips={scores} />
        </Form.Item>
        <Form.Item name="solved" label={t('solved')} rules={[{ required: true, message: t('required') }]}>
          <Radio.Group
            data-testid="visit-solved"
            optionType="button"
            options={[
              { value: true, label: t('yes') },
              { value: false, label: t('no') },
            ]}
          />
        </Form.Item>
        <Form.Item name="comments" label={t('comments')}>
          <Input.TextArea data-testid="visit-comments" rows={2} maxLength={2000} />
        </Form.Item>
        {unhappy && <FollowUpFields />}
      </Form>
    </Modal>
  );
}
