// Every screen and who may open it. Pages load on demand (one chunk per
// route), so the first screen loads only what it shows.
import { Button, Result } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Link, Navigate, type RouteObject } from 'react-router';
import type { Role } from '../gql/enums';
import { useT } from './i18n';
import { appMessages } from './messages';
import { homeFor } from './navigation';
import { getSession, hasAnyRole } from './session';


const ReportFaultPage = lazy(() => import('../features/intake/ReportFaultPage'));
const TicketQueuePage = lazy(() => import('../features/tickets/queue/TicketQueuePage'));
const TicketPage = lazy(() => import('../features/tickets/ticket/TicketPage'));
const MyJobsPage = lazy(() => import('../features/engineer/MyJobsPage'));
const JobPage = lazy(() => import('../features/engineer/JobPage'));
const MyOldPartsPage = lazy(() => import('../features/engineer/MyOldPartsPage'));
const AccountPage = lazy(() => import('./AccountPage'));
// Bulk import (admin).
const ImportPage = lazy(() => import('../features/admin/import/ImportPage'));

function NotFound() {
  const t = useT(appMessages);
  return (
    <Result
      status="404"
      title={t('notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shows the page only to the roles given; others get "not found". */
function Only({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return hasAnyRole(getSession()?.user, roles) ? children : <NotFound />;
}

function Home() {
  return <Navigate to={homeFor(getSession()?.user)} replace />;
}

const DESK: readonly Role[] = ['AGENT', 'SERVICE_MANAGER'];
const TICKETS: readonly Role[] = ['AGENT', 'SERVICE_MANAGER', 'GENERAL_MANAGER', 'QUALITY', 'WAREHOUSE', 'FINANCE', 'DEALER'];
const FIELD: readonly Role[] = ['ENGINEER'];

export const routes: RouteObject[] = [
  { index: true, element: <Home /> },
  { path: 'sign-in', element: <Home /> },
  { path: 'intake', element: <Only roles={[...DESK, 'DEALER']}><ReportFaultPage /></Only> },
  { path: 'tickets', element: <Only roles={TICKETS}><TicketQueuePage /></Only> },
  { path: 'tickets/:id', element: <Only roles={[...TICKETS, ...FIELD]}><TicketPage /></Only> },
  { path: 'my/jobs', element: <Only roles={FIELD}><MyJobsPage /></Only> },
  { path: 'my/jobs/:id', element: <Only roles={FIELD}><JobPage /></Only> },
  { path: 'my/old-parts', element: <Only roles={FIELD}><MyOldPartsPage /></Only> },
  { path: 'admin/import', element: <Only roles={['ADMIN']}><ImportPage /></Only> },
  { path: 'account', element: <AccountPage /> },
  { path: '*', element: <NotFound /> },
];
