// Sets a new password for a user (the API takes the password to set; the
// form can generate one). Once set, it is shown in clear a single time so
// the administrator can hand it over.
import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { AdminResetPasswordDocument, type AdminUserFragment } from '../../../gql/graphql';
import { usersMessages } from './messages';
import { PasswordField } from './PasswordField';
import { NO_REFUSAL, showRefusal, type Refusal } from './problems';
import { RefusalAlerts } from './RefusalAlerts';

const FIELDS = ['newPassword'] as const;

interface Props {
  user: AdminUserFragment;
  onClose: () => void;
  reload: () => Promise<AdminUserFragment | undefined>;
}

export function PasswordModal({ user, onClose, reload }: Props) {
  const t = useT(usersMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [{ fetching }, reset] = useMutation(AdminResetPasswordDocument);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [version, setVersion] = useState(user.version);
  const [set, setSet] = useState<string | null>(null);

  async function submit() {
    let values: { newPassword: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(NO_REFUSAL);
    const result = await reset({ input: { userId: user.id, version, newPassword: values.newPassword } });
    if (result.error) {
      setRefusal(showRefusal(form, result.error, FIELDS, locale));
      return;
    }
    setSet(values.newPassword);
  }

  if (set !== null) {
    return (
      <Modal
        open
        title={t('resetPasswordOf', { name: user.displayName })}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose} data-testid="password-done">
            {t('close')}
          </Button>
        }
        destroyOnHidden
      >
        <Alert type="success" showIcon title={t('passwordSet', { name: user.displayName })} />
        <Typography.Paragraph
          copyable={{ text: set, tooltips: [t('copy'), t('copied')] }}
          code
          style={{ fontSize: 18, marginTop: 16 }}
          data-testid="password-shown"
        >
          {set}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('resetPasswordOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={fetching}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'password-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <RefusalAlerts
        refusal={refusal}
        onReload={async () => {
          const fresh = await reload();
          if (fresh) setVersion(fresh.version);
          setRefusal(NO_REFUSAL);
        }}
      />
      <Typography.Paragraph type="secondary">{t('resetHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} disabled={fetching}>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          extra={t('passwordHint')}
          rules={[
            { required: true, message: t('required') },
            { min: 8, message: t('passwordShort') },
          ]}
        >
          <PasswordField testId="password-new" generateLabel={t('generate')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
