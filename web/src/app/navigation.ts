// Which screens each role works in: the menu shows only these, and a role's
// home is the first of them.
import type { Role } from '../gql/enums';
import type { appMessages } from './messages';
import { hasAnyRole, type SessionUser } from './session';

type MessageKey = keyof (typeof appMessages)['zh'];

export interface NavItem {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** Staff who see the ticket queue (a dealer sees its own tickets there). */
const TICKET_READERS: readonly Role[] = [
  'AGENT',
  'SERVICE_MANAGER',
  'GENERAL_MANAGER',
  'QUALITY',
  'WAREHOUSE',
  'FINANCE',
  'DEALER',
];

export const NAV: readonly NavItem[] = [
  { path: '/my/jobs', label: 'navMyJobs', roles: ['ENGINEER'] },
  { path: '/my/old-parts', label: 'navMyOldParts', roles: ['ENGINEER'] },
  { path: '/intake', label: 'navIntake', roles: ['AGENT', 'SERVICE_MANAGER', 'DEALER'] },
  { path: '/stock', label: 'navStock', roles: ['WAREHOUSE', 'SERVICE_MANAGER'] },
  { path: '/requisitions', label: 'navRequisitions', roles: ['WAREHOUSE', 'SERVICE_MANAGER'] },
  { path: '/stocktake', label: 'navStocktake', roles: ['WAREHOUSE', 'SERVICE_MANAGER'] },
  { path: '/tickets', label: 'navTickets', roles: TICKET_READERS },
  // The board links to its report; finance, who reads only the report, has it
  // in the menu (one menu path may not start another's: both would light up).
  { path: '/old-parts', label: 'navOldParts', roles: ['SERVICE_MANAGER', 'WAREHOUSE', 'GENERAL_MANAGER', 'QUALITY', 'DEALER'] },
  { path: '/old-parts/report', label: 'navOldPartReport', roles: ['FINANCE'] },
  { path: '/approvals', label: 'navApprovals', roles: ['GENERAL_MANAGER', 'SERVICE_MANAGER'] },
  { path: '/local-sales', label: 'navLocalSales', roles: ['SERVICE_MANAGER', 'GENERAL_MANAGER', 'FINANCE'] },
  { path: '/reports/kpi', label: 'navReportsKpi', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'] },
  { path: '/reports/recurrence', label: 'navReportsRecurrence', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'] },
  { path: '/reports/incidents', label: 'navReportsIncidents', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'] },
  { path: '/reports/stored', label: 'navReportsStored', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'] },
  // Return visits and complaints.
  { path: '/visits', label: 'navVisits', roles: ['AGENT', 'SERVICE_MANAGER'] },
  { path: '/complaints', label: 'navComplaints', roles: ['AGENT', 'SERVICE_MANAGER', 'QUALITY', 'GENERAL_MANAGER'] },
  // Administration (ADMIN sees every item; the audit and the outbox are also
  // the service manager's, as the API allows).
  { path: '/admin/users', label: 'navAdminUsers', roles: ['ADMIN'] },
  { path: '/admin/audit', label: 'navAdminAudit', roles: ['SERVICE_MANAGER', 'GENERAL_MANAGER'] },
  { path: '/admin/jobs', label: 'navAdminJobs', roles: ['ADMIN'] },
  { path: '/admin/outbox', label: 'navAdminOutbox', roles: ['SERVICE_MANAGER'] },
  // Master data: whoever edits some of it (each sees only what they may edit).
  { path: '/admin/data', label: 'navMasterData', roles: ['SERVICE_MANAGER', 'AGENT', 'WAREHOUSE', 'QUALITY', 'FINANCE'] },
];

export function navFor(user: SessionUser | null | undefined): NavItem[] {
  return NAV.filter((item) => hasAnyRole(user, item.roles));
}

/** Where a user lands after signing in. */
export function homeFor(user: SessionUser | null | undefined): string {
  const ordered = hasAnyRole(user, ['AGENT', 'SERVICE_MANAGER', 'DEALER']) ? '/tickets' : undefined;
  return ordered ?? navFor(user)[0]?.path ?? '/account';
}
