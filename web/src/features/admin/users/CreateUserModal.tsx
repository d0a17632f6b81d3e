// A new account: roles, and what they need (a dealer for DEALER, a home
// region and skills for ENGINEER). The server's refusals show beside the
// field they name.
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { FAULT_CATEGORY, ROLE, options } from '../../../components/labels';
import type { FaultCategory, Role } from '../../../gql/enums';
import { AdminCreateUserDocument } from '../../../gql/graphql';
import { DealerSelect } from './DealerSelect';
import { usersMessages } from './messages';
import { PasswordField } from './PasswordField';
import { NO_REFUSAL, showRefusal, type Refusal } from './problems';
import { RefusalAlerts } from './RefusalAlerts';
import { roleNeeds } from './users';

interface Values {
  username: string;
  displayName?: string;
  password: string;
  roles: Role[];
  dealerCode?: string;
  region?: string;
  skills?: FaultCategory[];
  email?: string;
  phone?: string;
}

const FIELDS = ['username', 'displayName', 'password', 'roles', 'dealerCode', 'region', 'skills', 'email', 'phone'] as const;

export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const t = useT(usersMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, create] = useMutation(AdminCreateUserDocument);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const roles = Form.useWatch('roles', form) ?? [];
  const needs = roleNeeds(roles);

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(NO_REFUSAL);
    const blank = (text?: string) => (text?.trim() ? text.trim() : null);
    const result = await create({
      input: {
        username: values.username.trim(),
        displayName: blank(values.displayName),
        password: values.password,
        roles: values.roles,
        dealerCode: needs.dealer ? (values.dealerCode ?? null) : null,
        region: needs.engineer ? blank(values.region) : null,
        skills: needs.engineer ? (values.skills ?? []) : [],
        email: blank(values.email),
        phone: blank(values.phone),
      },
    });
    if (result.error) {
      setRefusal(showRefusal(form, result.error, FIELDS, locale));
      return;
    }
    message.success(t('created', { name: result.data?.createUser.user.username ?? values.username }));
    onCreated();
    onClose();
  }

  return (
    <Modal
      open
      title={t('create')}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={fetching}
      okButtonProps={{ ...({ 'data-testid': 'user-create-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <RefusalAlerts refusal={refusal} onReload={() => setRefusal(NO_REFUSAL)} />
      <Form form={form} layout="vertical" requiredMark={false} disabled={fetching} initialValues={{ roles: [], skills: [] }}>
        <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input data-testid="user-username" autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('displayName')} extra={t('displayNameHint')}>
          <Input data-testid="user-display-name" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          extra={t('passwordHint')}
          rules={[
            { required: true, message: t('required') },
            { min: 8, message: t('passwordShort') },
          ]}
        >
          <PasswordField testId="user-initial-password" generateLabel={t('generate')} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('rolesRequired') }]}
          extra={needs.dealerMixed ? t('dealerOnly') : undefined}
        >
          <Select data-testid="user-roles" mode="multiple" options={options(ROLE, locale)} showSearch={false} />
        </Form.Item>
        {needs.dealer && (
          <Form.Item name="dealerCode" label={t('dealer')} rules={[{ required: true, message: t('dealerRequired') }]}>
            <DealerSelect placeholder={t('dealerSearch')} />
          </Form.Item>
        )}
        {needs.engineer && (
          <>
            <Form.Item
              name="region"
              label={t('region')}
              rules={[{ required: true, whitespace: true, message: t('regionRequired') }]}
            >
              <Input data-testid="user-region" placeholder={t('regionHint')} maxLength={50} />
            </Form.Item>
            <Form.Item name="skills" label={t('skills')}>
              <Checkbox.Group data-testid="user-skills" options={options(FAULT_CATEGORY, locale)} />
            </Form.Item>
          </>
        )}
        <Form.Item name="email" label={t('email')} rules={[{ type: 'email', message: t('emailInvalid') }]}>
          <Input data-testid="user-email" maxLength={254} />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')}>
          <Input data-testid="user-phone" maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
