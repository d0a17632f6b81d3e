// The customer signs the repair off: the name of who signed.
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { splitByField, type Problem } from '../../components/errors';
import { engineerMessages } from './messages';
import type { OutboxAction } from './outbox';

interface Props {
  defaultName?: string | null;
  take: (action: OutboxAction) => Promise<Problem[]>;
  onGeneral: (problems: Problem[], general: string[]) => void;
}

export function SignOffForm({ defaultName, take, onGeneral }: Props) {
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<{ signedBy: string }>();
  const [busy, setBusy] = useState(false);

  async function submit({ signedBy }: { signedBy: string }) {
    setBusy(true);
    const problems = await take({ kind: 'SIGN_OFF', signedBy: signedBy.trim(), at: new Date().toISOString() });
    setBusy(false);
    const { fieldErrors, general } = splitByField(problems, ['signedBy'], locale);
    form.setFields(fieldErrors);
    onGeneral(problems, general);
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ signedBy: defaultName ?? '' }} requiredMark={false}>
      <Form.Item name="signedBy" label={t('signedBy')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input data-testid="signoff-name" size="large" maxLength={100} autoComplete="name" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="job-signoff-submit">
        {t('submitSignOff')}
      </Button>
    </Form>
  );
}
