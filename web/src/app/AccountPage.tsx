import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { problemsOf, splitByField } from '../components/errors';
import { ChangeOwnPasswordDocument } from '../gql/graphql';
import { useLocale, useT } from './i18n';
import { appMessages } from './messages';
import { getSession, startSession } from './session';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** Change one's own password; the new token replaces the old one. */
export default function AccountPage() {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, change] = useMutation(ChangeOwnPasswordDocument);
  const [general, setGeneral] = useState<string[]>([]);
  const [done, setDone] = useState(false);

  async function submit({ currentPassword, newPassword }: Values) {
    setGeneral([]);
    setDone(false);
    const result = await change({ input: { currentPassword, newPassword } });
    const payload = result.data?.changePassword;
    const session = getSession();
    if (!payload || !session) {
      const split = splitByField(problemsOf(result.error), ['currentPassword', 'newPassword'], locale);
      form.setFields(split.fieldErrors);
      setGeneral(split.general);
      return;
    }
    startSession(payload.token, payload.expiresAt, session.user);
    form.resetFields();
    setDone(true);
  }

  return (
    <Card title={t('changePassword')} style={{ maxWidth: 480 }}>
      {done && <Alert type="success" showIcon title={t('passwordChanged')} style={{ marginBottom: 16 }} />}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} />
      ))}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="current-password" maxLength={256} />
        </Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, min: 8, message: t('required') }]}>
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('repeatPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
