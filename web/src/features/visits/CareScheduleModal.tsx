// Puts a key customer on periodic care visits, or changes the interval and
// the next day (SERVICE_MANAGER): the workers then open a CARE visit on each
// due day, and it shows in the work list.
import { Alert, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, splitByField } from '../../components/errors';
import { VisitCareCustomersDocument, VisitScheduleCareDocument } from '../../gql/graphql';
import { visitMessages } from './messages';

const FIELDS = ['customerId', 'intervalDays', 'firstDueOn'] as const;
/** Typing settles this long before the customers are searched. */
const SEARCH_DELAY_MS = 300;
/** The API's bounds of the interval, in days. */
const MAX_INTERVAL_DAYS = 366;

interface Values {
  customerId?: string;
  intervalDays?: number;
  firstDueOn?: Dayjs;
}

function CustomerSelect({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const t = useT(visitMessages);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data, fetching }] = useQuery({ query: VisitCareCustomersDocument, variables: { search: search || null } });
  // Key customers first: they are the ones care visits are for.
  const customers = [...(data?.customers.nodes ?? [])].sort((a, b) => Number(b.keyCustomer) - Number(a.keyCustomer));
  return (
    <Select
      data-testid="care-customer"
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      loading={fetching}
      placeholder={t('careCustomerSearch')}
      options={customers.map((c) => ({
        value: c.id,
        label: `${c.name} · ${c.province}${c.keyCustomer ? ` · ${t('keyCustomer')}` : ''}`,
      }))}
    />
  );
}

export function CareScheduleModal({ onClose, onScheduled }: { onClose: () => void; onScheduled: (nextDueOn: string) => void }) {
  const t = useT(visitMessages);
  const { locale } = useLocale();
  const client = useClient();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    const result = await client
      .mutation(VisitScheduleCareDocument, {
        input: {
          customerId: values.customerId ?? '',
          intervalDays: values.intervalDays ?? 30,
          firstDueOn: (values.firstDueOn ?? dayjs()).format('YYYY-MM-DD'),
        },
      })
      .toPromise();
    setSubmitting(false);
    const saved = result.data?.scheduleCareVisits;
    if (saved) {
      onScheduled(saved.nextDueOn);
      return;
    }
    const { fieldErrors, general } = splitByField(problemsOf(result.error), FIELDS, locale);
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(general);
  }

  return (
    <Modal
      open
      title={t('careTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('careSave')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ ...({ 'data-testid': 'care-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title={t('careHint')} style={{ marginBottom: 16 }} />
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} />
      ))}
      <Form form={form} layout="vertical" requiredMark={false} disabled={submitting}>
        <Form.Item name="customerId" label={t('customer')} rules={[{ required: true, message: t('required') }]}>
          <CustomerSelect />
        </Form.Item>
        <Form.Item name="intervalDays" label={t('careInterval')} initialValue={30} rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={1} max={MAX_INTERVAL_DAYS} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="firstDueOn" label={t('careFirst')} initialValue={dayjs()} rules={[{ required: true, message: t('required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
