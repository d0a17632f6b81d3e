// Replaces a user's roles at the version read; a first ENGINEER role also
// asks for the home region.
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { ROLE, options } from '../../../components/labels';
import type { Role } from '../../../gql/enums';
import { AdminSetUserRolesDocument, type AdminUserFragment } from '../../../gql/graphql';
import { usersMessages } from './messages';
import { NO_REFUSAL, showRefusal, type Refusal } from './problems';
import { RefusalAlerts } from './RefusalAlerts';
import { needsRegion, roleNeeds } from './users';

interface Values {
  roles: Role[];
  region?: string;
}

const FIELDS = ['roles', 'region'] as const;

interface Props {
  user: AdminUserFragment;
  onClose: () => void;
  /** Reads the user again; resolves to the fresh account. */
  reload: () => Promise<AdminUserFragment | undefined>;
}

export function RolesModal({ user, onClose, reload }: Props) {
  const t = useT(usersMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, setRoles] = useMutation(AdminSetUserRolesDocument);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  // The account as the admin saw it when the form opened: a change by
  // someone else meanwhile is a CONFLICT, not silently overwritten.
  const [seen, setSeen] = useState(user);
  const roles = Form.useWatch('roles', form) ?? user.roles;
  const askRegion = needsRegion(seen.roles, roles);

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(NO_REFUSAL);
    const result = await setRoles({
      input: {
        userId: user.id,
        version: seen.version,
        roles: values.roles,
        region: askRegion ? (values.region?.trim() ?? null) : null,
      },
    });
    if (result.error) {
      setRefusal(showRefusal(form, result.error, FIELDS, locale));
      return;
    }
    message.success(t('saved'));
    onClose();
  }

  return (
    <Modal
      open
      title={t('editRolesOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={fetching}
      okButtonProps={{ ...({ 'data-testid': 'roles-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <RefusalAlerts
        refusal={refusal}
        onReload={async () => {
          const fresh = await reload();
          if (fresh) setSeen(fresh);
          setRefusal(NO_REFUSAL);
        }}
      />
      <Typography.Paragraph type="secondary">{t('rolesHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} disabled={fetching} initialValues={{ roles: user.roles }}>
        <Form.Item
          name="roles"
          label={t('roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('rolesRequired') }]}
          extra={roleNeeds(roles).dealerMixed ? t('dealerOnly') : undefined}
        >
          <Select data-testid="roles-select" mode="multiple" options={options(ROLE, locale)} showSearch={false} />
        </Form.Item>
        {askRegion && (
          <Form.Item
            name="region"
            label={t('region')}
            extra={t('newEngineerRegion')}
            rules={[{ required: true, whitespace: true, message: t('regionRequired') }]}
          >
            <Input data-testid="roles-region" placeholder={t('regionHint')} maxLength={50} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
