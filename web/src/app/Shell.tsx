import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { useT } from './i18n';
import { appMessages } from './messages';
import { NAV_GROUPS, navFor, type NavItem } from './navigation';
import { endSession, type SessionUser } from './session';
import { PageLoading } from './PageLoading';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The frame around every screen: the menu of the user's roles, language, account. */
export function Shell({ user }: { user: SessionUser }) {
  const t = useT(appMessages);
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const desk = screens.md ?? true;
  const [drawer, setDrawer] = useState(false);
  const online = useOnline();
  const visible = navFor(user);
  const entry = (item: NavItem) => ({ key: item.path, label: <Link to={item.path}>{t(item.label)}</Link> });
  // Sections with headings once a user works in more than one of them.
  const groups = NAV_GROUPS.filter((group) => visible.some((item) => item.group === group));
  const items =
    groups.length > 1
      ? groups.map((group) => ({
          type: 'group' as const,
          key: group,
          label: t(group),
          children: visible.filter((item) => item.group === group).map(entry),
        }))
      : visible.map(entry);
  // By whole path segments: /stocktake is not under /stock.
  const selected = visible
    .filter((item) => location.pathname === item.path || location.pathname.startsWith(`${item.path}/`))
    .map((item) => item.path);
  const menu = (
    <Menu mode="inline" items={items} selectedKeys={selected} onClick={() => setDrawer(false)} />
  );

  let account: ReactNode = (
    <Dropdown
      menu={{
        items: [
          { key: 'account', icon: <UserOutlined />, label: t('changePassword'), onClick: () => navigate('/account') },
          {
            key: 'sign-out',
            icon: <LogoutOutlined />,
            label: t('signOut'),
            onClick: () => {
              endSession();
              navigate('/', { replace: true });
            },
          },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} data-testid="account-menu">
        {desk ? user.displayName : null}
      </Button>
    </Dropdown>
  );
  if (!desk) account = <Space size={4}>{account}</Space>;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {desk && (
        <Layout.Sider theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
          <div className="brand">{t('product')}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="shell-header">
          {!desk && (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label="menu" />
          )}
          {!desk && <Typography.Text strong>{t('product')}</Typography.Text>}
          <div style={{ flex: 1 }} />
          <Space size={desk ? 12 : 4}>
            {user.dealerName && desk && <Typography.Text type="secondary">{user.dealerName}</Typography.Text>}
            <LanguageSwitch />
            {account}
          </Space>
        </Layout.Header>
        {!online && <Alert type="warning" banner title={t('offline')} data-testid="offline-banner" />}
        <Layout.Content className="shell-content">
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {!desk && (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={240} title={t('product')}>
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
