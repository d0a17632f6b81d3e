// An engineer's profile: home region, skills and whether they are on duty
// (dispatch skips those off duty), saved at the version read.
import { Alert, App, Button, Checkbox, Form, Input, Modal, Spin, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, sentence } from '../../../components/errors';
import { FAULT_CATEGORY, options } from '../../../components/labels';
import type { FaultCategory } from '../../../gql/enums';
import { AdminEngineerDocument, AdminUpdateEngineerDocument, type AdminUserFragment } from '../../../gql/graphql';
import { usersMessages } from './messages';
import { NO_REFUSAL, showRefusal, type Refusal } from './problems';
import { RefusalAlerts } from './RefusalAlerts';

interface Values {
  region: string;
  skills: FaultCategory[];
  onDuty: boolean;
}

const FIELDS = ['region', 'skills', 'onDuty'] as const;

export function EngineerModal({ user, onClose }: { user: AdminUserFragment; onClose: () => void }) {
  const t = useT(usersMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const client = useClient();
  const [{ data, fetching: loading, error }, refetch] = useQuery({
    query: AdminEngineerDocument,
    variables: { id: user.id },
    requestPolicy: 'network-only',
  });
  const [{ fetching }, update] = useMutation(AdminUpdateEngineerDocument);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  // The version the form was filled from: the profile as first read. A
  // reload after a CONFLICT takes the new version and keeps what was typed.
  const [version, setVersion] = useState<number | null>(null);
  const engineer = data?.engineer;
  const [filled, setFilled] = useState(false);
  if (engineer && !filled) {
    setFilled(true);
    setVersion(engineer.version);
  }

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (version === null) return;
    setRefusal(NO_REFUSAL);
    const result = await update({
      input: { id: user.id, version, region: values.region.trim(), skills: values.skills, onDuty: values.onDuty },
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
      title={t('engineerProfileOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={submit}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={fetching}
      okButtonProps={{ disabled: !engineer, ...({ 'data-testid': 'engineer-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={problemsOf(error).some((p) => p.code === 'NOT_FOUND') ? t('notEngineer') : t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
          action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
        />
      )}
      <RefusalAlerts
        refusal={refusal}
        onReload={async () => {
          const fresh = await client
            .query(AdminEngineerDocument, { id: user.id }, { requestPolicy: 'network-only' })
            .toPromise();
          if (fresh.data) setVersion(fresh.data.engineer.version);
          setRefusal(NO_REFUSAL);
        }}
      />
      {loading && !engineer && <Spin />}
      {engineer && (
        <Tag color={engineer.available ? 'green' : 'default'} style={{ marginBottom: 16 }}>
          {engineer.available ? t('available') : t('busy')}
        </Tag>
      )}
      {engineer && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={fetching}
          initialValues={{ region: engineer.region, skills: engineer.skills, onDuty: engineer.onDuty }}
        >
          <Form.Item name="region" label={t('region')} rules={[{ required: true, whitespace: true, message: t('regionRequired') }]}>
            <Input data-testid="engineer-region" placeholder={t('regionHint')} maxLength={50} />
          </Form.Item>
          <Form.Item name="skills" label={t('skills')}>
            <Checkbox.Group data-testid="engineer-skills" options={options(FAULT_CATEGORY, locale)} />
          </Form.Item>
          <Form.Item name="onDuty" label={t('onDuty')} valuePropName="checked">
            <Switch data-testid="engineer-on-duty" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
