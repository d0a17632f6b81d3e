import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider as GraphQLProvider } from 'urql';
import { client } from './client';
import { LocaleProvider, useLocale } from './i18n';
import { routes } from './routes';
import { getSession, resumeSession, subscribeSession } from './session';
import { SessionExpired } from './SessionExpired';
import { Shell } from './Shell';
import { SignInPage } from './SignInPage';

/** Signed in: the shell (and the sign-in dialog over it once the token expires). */
function Root() {
  const session = useSyncExternalStore(subscribeSession, getSession);
  useEffect(() => resumeSession(), []);
  if (!session) return <SignInPage />;
  return (
    <>
      <Shell user={session.user} />
      {session.expired && <SessionExpired session={session} />}
    </>
  );
}

const router = createBrowserRouter([{ path: '/', element: <Root />, children: routes }]);

function Themed() {
  const { locale } = useLocale();
  useEffect(() => {
    dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
  }, [locale]);
  const theme = useMemo(() => ({ token: { colorPrimary: '#1677ff', borderRadius: 6 } }), []);
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <GraphQLProvider value={client}>
      <LocaleProvider>
        <Themed />
      </LocaleProvider>
    </GraphQLProvider>
  );
}
