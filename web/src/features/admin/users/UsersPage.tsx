// Accounts (ADMIN): every user with roles and state, searchable; create,
// change roles, edit an engineer's profile, reset a password, deactivate or
// reactivate (confirmed first), and open an account's history. Search and
// filters live in the URL.
import { App, Alert, Button, Card, Flex, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { getSession } from '../../../app/session';
import { problemsOf, sentence } from '../../../components/errors';
import { ROLE, label, options } from '../../../components/labels';
import { useSignedInAgain } from '../../../components/useSignedInAgain';
import {
  AdminDeactivateUserDocument,
  AdminReactivateUserDocument,
  AdminUsersDocument,
  type AdminUserFragment,
} from '../../../gql/graphql';
import { HistoryDrawer } from '../audit/HistoryDrawer';
import { CreateUserModal } from './CreateUserModal';
import { EngineerModal } from './EngineerModal';
import { usersMessages } from './messages';
import { PasswordModal } from './PasswordModal';
import { RolesModal } from './RolesModal';
import { filterUsers, parseUserView, userViewToParams, type UserView } from './users';

type Dialog =
  | { kind: 'create' }
  | { kind: 'roles' | 'engineer' | 'password' | 'history'; user: AdminUserFragment }
  | null;

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT(usersMessages);
  const { locale } = useLocale();
  const { modal, message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const client = useClient();
  const me = getSession()?.user.id;
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseUserView(params), [params]);
  const [draft, setDraft] = useState(view.q);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const change = (next: Partial<UserView>) => setParams(userViewToParams({ ...view, ...next }));

  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminUsersDocument });
  useSignedInAgain(() => refetch({ requestPolicy: 'network-only' }));
  const [, deactivate] = useMutation(AdminDeactivateUserDocument);
  const [, reactivate] = useMutation(AdminReactivateUserDocument);
  const [dialog, setDialog] = useState<Dialog>(null);

  const all = useMemo(() => data?.users ?? [], [data]);
  const rows = useMemo(() => filterUsers(all, view), [all, view]);

  const reload = async (id: string) => {
    const result = await client.query(AdminUsersDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    return result.data?.users.find((user) => user.id === id);
  };

  const toggle = (user: AdminUserFragment) => {
    const off = user.active;
    modal.confirm({
      title: t(off ? 'deactivateTitle' : 'reactivateTitle', { name: user.displayName }),
      content: t(off ? 'deactivateBody' : 'reactivateBody'),
      okText: t(off ? 'deactivate' : 'reactivate'),
      cancelText: t('cancel'),
      okButtonProps: { danger: off, ...({ 'data-testid': 'state-confirm' } as object) },
      onOk: async () => {
        const input = { userId: user.id, version: user.version };
        const result = off ? await deactivate({ input }) : await reactivate({ input });
        const problems = problemsOf(result.error);
        if (problems.length > 0) {
          const conflict = problems.some((p) => p.code === 'CONFLICT');
          message.error(conflict ? `${t('conflict')} ${t('conflictHint')}` : problems.map((p) => sentence(p, locale)).join(' '));
          if (conflict) refetch({ requestPolicy: 'network-only' });
          return;
        }
        message.success(t(off ? 'deactivated' : 'reactivated', { name: user.displayName }));
      },
    });
  };

  const actions = (user: AdminUserFragment) => (
    <Space size={4} wrap>
      <Button size="small" data-testid="user-roles-edit" onClick={() => setDialog({ kind: 'roles', user })}>
        {t('editRoles')}
      </Button>
      {user.roles.includes('ENGINEER') && (
        <Button size="small" data-testid="user-engineer-edit" onClick={() => setDialog({ kind: 'engineer', user })}>
          {t('engineerProfile')}
        </Button>
      )}
      <Button size="small" data-testid="user-reset-password" onClick={() => setDialog({ kind: 'password', user })}>
        {t('resetPassword')}
      </Button>
      {user.id !== me && (
        <Button size="small" danger={user.active} data-testid="user-state" onClick={() => toggle(user)}>
          {user.active ? t('deactivate') : t('reactivate')}
        </Button>
      )}
      <Button size="small" type="link" data-testid="user-history" onClick={() => setDialog({ kind: 'history', user })}>
        {t('history')}
      </Button>
    </Space>
  );

  const roleTags = (user: AdminUserFragment) => (
    <Flex wrap gap={4}>
      {user.roles.map((role) => (
        <Tag key={role} color={role === 'ADMIN' ? 'red' : role === 'DEALER' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {label(ROLE, role, locale)}
        </Tag>
      ))}
    </Flex>
  );
  const stateTag = (user: AdminUserFragment) => (
    <Tag color={user.active ? 'green' : 'default'} data-testid="user-active">
      {user.active ? t('active') : t('inactive')}
    </Tag>
  );
  const when = (iso: string) => new Date(iso).toLocaleDateString(locale === 'zh' ? 'zh-CN' : 'en-GB');
  const who = (user: AdminUserFragment) => (
    <Flex vertical>
      <Typography.Text strong>
        {user.displayName} {user.id === me && <Typography.Text type="secondary">{t('you')}</Typography.Text>}
      </Typography.Text>
      <Typography.Text type="secondary">{user.username}</Typography.Text>
    </Flex>
  );
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: rows.length,
    showSizeChanger: false,
    onChange: (next: number) => {
      const updated = userViewToParams(view);
      if (next > 1) updated.set('page', String(next));
      setParams(updated);
    },
  };

  return (
    <Card
      title={t('title')}
      extra={
        <Button type="primary" data-testid="user-create" onClick={() => setDialog({ kind: 'create' })}>
          {t('create')}
        </Button>
      }
      styles={{ body: { padding: phone ? 12 : undefined } }}
    >
      <Flex vertical gap={12}>
        <Flex gap={8} wrap vertical={phone}>
          <Input.Search
            data-testid="user-search"
            placeholder={t('search')}
            style={{ width: phone ? '100%' : 360 }}
            value={draft}
            allowClear
            onChange={(event) => {
              setDraft(event.target.value);
              if (!event.target.value) change({ q: '' });
            }}
            onSearch={(value) => change({ q: value })}
          />
          <Select<string>
            data-testid="user-role-filter"
            style={{ width: phone ? '100%' : 180 }}
            value={view.role ?? ''}
            options={[{ value: '', label: t('allRoles') }, ...options(ROLE, locale)]}
            onChange={(value) => change({ role: (value || null) as UserView['role'] })}
          />
          <Select<string>
            data-testid="user-state-filter"
            style={{ width: phone ? '100%' : 140 }}
            value={view.state ?? ''}
            options={[
              { value: '', label: t('allStates') },
              { value: 'active', label: t('active') },
              { value: 'inactive', label: t('inactive') },
            ]}
            onChange={(value) => change({ state: (value || null) as UserView['state'] })}
          />
          {data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="user-total">
              {rows.length === all.length ? t('total', { count: all.length }) : t('shown', { shown: rows.length, count: all.length })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('listGap')}
        </Typography.Text>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('loadFailed') + problemsOf(error).map((p) => sentence(p, locale)).join(' ')}
            action={<Button onClick={() => refetch({ requestPolicy: 'network-only' })}>{t('retry')}</Button>}
          />
        )}
        {phone ? (
          <Table<AdminUserFragment>
            rowKey="id"
            dataSource={rows}
            loading={fetching && !data}
            pagination={pagination}
            locale={{ emptyText: t('empty') }}
            showHeader={false}
            onRow={(user) => ({ 'data-testid': 'user-row', 'data-username': user.username }) as object}
            columns={[
              {
                key: 'card',
                render: (_, user) => (
                  <Flex vertical gap={6}>
                    <Flex justify="space-between" align="flex-start" gap={8}>
                      {who(user)}
                      {stateTag(user)}
                    </Flex>
                    {roleTags(user)}
                    {user.dealer && <Typography.Text type="secondary">{user.dealer.name}</Typography.Text>}
                    {actions(user)}
                  </Flex>
                ),
              },
            ]}
          />
        ) : (
          <Table<AdminUserFragment>
            rowKey="id"
            dataSource={rows}
            loading={fetching && !data}
            pagination={pagination}
            locale={{ emptyText: t('empty') }}
            onRow={(user) => ({ 'data-testid': 'user-row', 'data-username': user.username }) as object}
            columns={[
              { title: t('username'), key: 'who', width: 200, render: (_, user) => who(user) },
              { title: t('roles'), key: 'roles', render: (_, user) => roleTags(user) },
              {
                title: t('dealer'),
                key: 'dealer',
                width: 160,
                render: (_, user) => user.dealer?.name ?? '',
              },
              { title: t('state'), key: 'state', width: 90, render: (_, user) => stateTag(user) },
              { title: t('createdAt'), dataIndex: 'createdAt', width: 110, render: when },
              { title: t('actions'), key: 'actions', width: 400, render: (_, user) => actions(user) },
            ]}
          />
        )}
      </Flex>
      {dialog?.kind === 'create' && (
        <CreateUserModal onClose={() => setDialog(null)} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {dialog?.kind === 'roles' && (
        <RolesModal user={dialog.user} onClose={() => setDialog(null)} reload={() => reload(dialog.user.id)} />
      )}
      {dialog?.kind === 'engineer' && <EngineerModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && (
        <PasswordModal user={dialog.user} onClose={() => setDialog(null)} reload={() => reload(dialog.user.id)} />
      )}
      {dialog?.kind === 'history' && (
        <HistoryDrawer
          open
          onClose={() => setDialog(null)}
          entityType="user"
          entityId={dialog.user.id}
          name={dialog.user.displayName}
        />
      )}
    </Card>
  );
}
