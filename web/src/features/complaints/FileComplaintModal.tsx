// Files a complaint the customer made by phone or in person, not after a
// visit (a dissatisfied visit files its own): who, what about, how serious,
// when. A quality complaint is routed to quality with its deadline.
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, splitByField } from '../../components/errors';
import { options, SEVERITY } from '../../components/labels';
import type { ComplaintCategory, Severity } from '../../gql/enums';
import { ComplaintCustomersDocument, ComplaintFileDocument, type ComplaintItemFragment } from '../../gql/graphql';
import { complaintMessages } from './messages';
import { CATEGORIES } from './view';

const FIELDS = ['customerId', 'category', 'severity', 'description', 'receivedAt'] as const;
/** Typing settles this long before the customers are searched. */
const SEARCH_DELAY_MS = 300;

interface Values {
  customerId?: string;
  category?: ComplaintCategory;
  severity?: Severity;
  description?: string;
  receivedAt?: Dayjs | null;
}

function CustomerSelect({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const t = useT(complaintMessages);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data, fetching }] = useQuery({ query: ComplaintCustomersDocument, variables: { search: search || null } });
  return (
    <Select
      data-testid="file-customer"
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      loading={fetching}
      placeholder={t('fileCustomerSearch')}
      options={(data?.customers.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.province}` }))}
    />
  );
}

export function FileComplaintModal({ onClose, onFiled }: { onClose: () => void; onFiled: (complaint: ComplaintItemFragment) => void }) {
  const t = useT(complaintMessages);
  const { locale } = useLocale();
  const client = useClient();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
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
      .mutation(ComplaintFileDocument, {
        input: {
          customerId: values.customerId ?? '',
          category: values.category ?? 'SERVICE_ATTITUDE',
          severity: values.severity ?? 'GENERAL',
          description: (values.description ?? '').trim(),
          receivedAt: values.receivedAt?.toISOString() ?? null,
        },
      })
      .toPromise();
    setSubmitting(false);
    const filed = result.data?.fileComplaint;
    if (filed) {
      onFiled(filed);
      return;
    }
    const { fieldErrors, general } = splitByField(problemsOf(result.error), FIELDS, locale);
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(general);
  }

  return (
    <Modal
      open
      title={t('fileTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('file')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ ...({ 'data-testid': 'file-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} />
      ))}
      <Form form={form} layout="vertical" requiredMark={false} disabled={submitting}>
        <Form.Item name="customerId" label={t('fileCustomer')} rules={[{ required: true, message: t('required') }]}>
          <CustomerSelect />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('category')}
          initialValue="SERVICE_ATTITUDE"
          extra={category === 'QUALITY' ? t('qualityRouted') : undefined}
        >
          <Select data-testid="file-category" options={CATEGORIES.map((c) => ({ value: c, label: t(`category_${c}`) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('severity')} initialValue="GENERAL">
          <Select options={options(SEVERITY, locale)} />
        </Form.Item>
        <Form.Item name="description" label={t('fileDescription')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea data-testid="file-description" rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('receivedAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
