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
const StockPage = lazy(() => import('../features/parts/StockPage'));
const PartLedgerPage = lazy(() => import('../features/parts/PartLedgerPage'));
const StocktakePage = lazy(() => import('../features/parts/StocktakePage'));
const RequisitionsPage = lazy(() => import('../features/parts/RequisitionsPage'));
const OldPartBoardPage = lazy(() => import('../features/old-parts/board/OldPartBoardPage'));
const OldPartPage = lazy(() => import('../features/old-parts/board/OldPartPage'));
const ReturnReportPage = lazy(() => import('../features/old-parts/board/ReturnReportPage'));
const AccountPage = lazy(() => import('./AccountPage'));
// Local sale of scrap and the approvals inbox.
const LocalSalesPage = lazy(() => import('../features/old-parts/local-sale/LocalSalesPage'));
const NewLotPage = lazy(() => import('../features/old-parts/local-sale/NewLotPage'));
const LotPage = lazy(() => import('../features/old-parts/local-sale/LotPage'));
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage'));
const KpiPage = lazy(() => import('../features/reports/KpiPage'));
const RecurrencePage = lazy(() => import('../features/reports/RecurrencePage'));
const IncidentsPage = lazy(() => import('../features/reports/IncidentsPage'));
const StoredReportsPage = lazy(() => import('../features/reports/StoredPage'));
// Return visits and complaints.
const VisitsPage = lazy(() => import('../features/visits/VisitsPage'));
const ComplaintsPage = lazy(() => import('../features/complaints/ComplaintsPage'));
// Administration: accounts, the audit trail, the job queues and the outbox.
const UsersPage = lazy(() => import('../features/admin/users/UsersPage'));
const AuditPage = lazy(() => import('../features/admin/audit/AuditPage'));
const JobsPage = lazy(() => import('../features/admin/system/JobsPage'));
const OutboxPage = lazy(() => import('../features/admin/system/OutboxPage'));
// Master data (admin): the roles come from the entities' editors.
const MasterDataPage = lazy(() => import('../features/admin/master-data/MasterDataPage'));
const MASTER_DATA: readonly Role[] = ['AGENT', 'SERVICE_MANAGER', 'WAREHOUSE', 'QUALITY', 'FINANCE'];
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
const STOCK: readonly Role[] = ['WAREHOUSE', 'SERVICE_MANAGER'];
// Old parts: the board for staff who chase, move and judge them, a dealer for
// its own and an engineer for theirs; the report for its readers in the API.
const OLD_PART_REPORT: readonly Role[] = ['SERVICE_MANAGER', 'WAREHOUSE', 'FINANCE', 'QUALITY', 'GENERAL_MANAGER', 'DEALER'];
const OLD_PART_BOARD: readonly Role[] = [...OLD_PART_REPORT, 'ENGINEER'];
const LOTS: readonly Role[] = ['SERVICE_MANAGER', 'GENERAL_MANAGER', 'FINANCE', 'WAREHOUSE'];
const APPROVERS: readonly Role[] = ['GENERAL_MANAGER', 'SERVICE_MANAGER'];
const MANAGEMENT: readonly Role[] = ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'];

export const routes: RouteObject[] = [
  { index: true, element: <Home /> },
  { path: 'sign-in', element: <Home /> },
  { path: 'intake', element: <Only roles={[...DESK, 'DEALER']}><ReportFaultPage /></Only> },
  { path: 'tickets', element: <Only roles={TICKETS}><TicketQueuePage /></Only> },
  { path: 'tickets/:id', element: <Only roles={[...TICKETS, ...FIELD]}><TicketPage /></Only> },
  { path: 'my/jobs', element: <Only roles={FIELD}><MyJobsPage /></Only> },
  { path: 'my/jobs/:id', element: <Only roles={FIELD}><JobPage /></Only> },
  { path: 'my/old-parts', element: <Only roles={FIELD}><MyOldPartsPage /></Only> },
  { path: 'stock', element: <Only roles={STOCK}><StockPage /></Only> },
  { path: 'stock/parts/:partId', element: <Only roles={STOCK}><PartLedgerPage /></Only> },
  { path: 'stocktake', element: <Only roles={STOCK}><StocktakePage /></Only> },
  { path: 'requisitions', element: <Only roles={STOCK}><RequisitionsPage /></Only> },
  { path: 'old-parts', element: <Only roles={OLD_PART_BOARD}><OldPartBoardPage /></Only> },
  { path: 'old-parts/report', element: <Only roles={OLD_PART_REPORT}><ReturnReportPage /></Only> },
  { path: 'old-parts/:id', element: <Only roles={OLD_PART_BOARD}><OldPartPage /></Only> },
  { path: 'local-sales', element: <Only roles={LOTS}><LocalSalesPage /></Only> },
  { path: 'local-sales/new', element: <Only roles={['SERVICE_MANAGER', 'WAREHOUSE']}><NewLotPage /></Only> },
  { path: 'local-sales/:id', element: <Only roles={LOTS}><LotPage /></Only> },
  { path: 'approvals', element: <Only roles={APPROVERS}><ApprovalsPage /></Only> },
  { path: 'reports/kpi', element: <Only roles={MANAGEMENT}><KpiPage /></Only> },
  { path: 'reports/recurrence', element: <Only roles={MANAGEMENT}><RecurrencePage /></Only> },
  { path: 'reports/incidents', element: <Only roles={MANAGEMENT}><IncidentsPage /></Only> },
  { path: 'reports/stored', element: <Only roles={MANAGEMENT}><StoredReportsPage /></Only> },
  // Return visits and complaints.
  { path: 'visits', element: <Only roles={DESK}><VisitsPage /></Only> },
  { path: 'complaints', element: <Only roles={[...DESK, 'QUALITY', 'GENERAL_MANAGER']}><ComplaintsPage /></Only> },
  { path: 'admin/users', element: <Only roles={['ADMIN']}><UsersPage /></Only> },
  { path: 'admin/audit', element: <Only roles={['SERVICE_MANAGER', 'GENERAL_MANAGER']}><AuditPage /></Only> },
  { path: 'admin/jobs', element: <Only roles={['ADMIN']}><JobsPage /></Only> },
  { path: 'admin/outbox', element: <Only roles={['SERVICE_MANAGER']}><OutboxPage /></Only> },
  { path: 'admin/data', element: <Only roles={MASTER_DATA}><MasterDataPage /></Only> },
  { path: 'admin/data/:entity', element: <Only roles={MASTER_DATA}><MasterDataPage /></Only> },
  { path: 'admin/import', element: <Only roles={['ADMIN']}><ImportPage /></Only> },
  { path: 'account', element: <AccountPage /> },
  { path: '*', element: <NotFound /> },
];
