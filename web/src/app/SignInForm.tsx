import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { problemsOf, splitByField } from '../components/errors';
import { SignInDocument } from '../gql/graphql';
import { useLocale, useT } from './i18n';
import { appMessages } from './messages';
import { startSession, type SessionUser } from './session';

interface Values {
  username: string;
  password: string;
}

/** Username and password; on success the session starts and `onSignedIn` runs. */
export function SignInForm({ username, onSignedIn }: { username?: string; onSignedIn?: (user: SessionUser) => void }) {
  const t = useT(appMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, signIn] = useMutation(SignInDocument);
  const [general, setGeneral] = useState<string[]>([]);

  async function submit(values: Values) {
    setGeneral([]);
    const result = await signIn({ input: values });
    const payload = result.data?.login;
    if (!payload) {
      const { fieldErrors, general: rest } = splitByField(problemsOf(result.error), ['username', 'password'], locale);
      form.setFields(fieldErrors);
      setGeneral(rest);
      return;
    }
    const user: SessionUser = {
      id: payload.user.id,
      username: payload.user.username,
      displayName: payload.user.displayName,
      roles: payload.user.roles,
      dealerName: payload.user.dealer?.name ?? null,
    };
    startSession(payload.token, payload.expiresAt, user);
    onSignedIn?.(user);
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ username }} requiredMark={false}>
      {general.map((text) => (
        <Alert key={text} type="error" title={text} showIcon style={{ marginBottom: 16 }} />
      ))}
      <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required') }]}>
        <Input autoComplete="username" autoFocus={!username} maxLength={64} />
      </Form.Item>
      <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
        <Input.Password autoComplete="current-password" autoFocus={!!username} maxLength={256} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={fetching}>
        {t('signIn')}
      </Button>
    </Form>
  );
}
