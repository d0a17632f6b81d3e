// Which screens each role works in: the menu shows only these, and a role's
// home is the first of them.
import type { Role } from '../gql/enums';
import type { appMessages } from './messages';
import { hasAnyRole, type SessionUser } from './session';

type MessageKey = keyof (typeof appMessages)['zh'];

/** The menu's sections, in this order; a user who sees only one gets no headings. */
export const NAV_GROUPS = ['groupService', 'groupWarehouse', 'groupOldParts', 'groupReports', 'groupAdmin'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface NavItem {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
  group: NavGroup;
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
  { path: '/my/jobs', label: 'navMyJobs', roles: ['ENGINEER'], group: 'groupService' },
  { path: '/my/old-parts', label: 'navMyOldParts', roles: ['ENGINEER'], group: 'groupOldParts' },
  { path: '/intake', label: 'navIntake', roles: ['AGENT', 'SERVICE_MANAGER', 'DEALER'], group: 'groupService' },
  { path: '/stock', label: 'navStock', roles: ['WAREHOUSE', 'SERVICE_MANAGER'], group: 'groupWarehouse' },
  { path: '/requisitions', label: 'navRequisitions', roles: ['WAREHOUSE', 'SERVICE_MANAGER'], group: 'groupWarehouse' },
  { path: '/stocktake', label: 'navStocktake', roles: ['WAREHOUSE', 'SERVICE_MANAGER'], group: 'groupWarehouse' },
  { path: '/tickets', label: 'navTickets', roles: TICKET_READERS, group: 'groupService' },
  // The board links to its report; finance, who reads only the report, has it
  // in the menu (one menu path may not start another's: both would light up).
  { path: '/old-parts', label: 'navOldParts', roles: ['SERVICE_MANAGER', 'WAREHOUSE', 'GENERAL_MANAGER', 'QUALITY', 'DEALER'], group: 'groupOldParts' },
  { path: '/old-parts/report', label: 'navOldPartReport', roles: ['FINANCE'], group: 'groupOldParts' },
  { path: '/approvals', label: 'navApprovals', roles: ['GENERAL_MANAGER', 'SERVICE_MANAGER'], group: 'groupService' },
  { path: '/local-sales', label: 'navLocalSales', roles: ['SERVICE_MANAGER', 'GENERAL_MANAGER', 'FINANCE'], group: 'groupOldParts' },
  { path: '/reports/kpi', label: 'navReportsKpi', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'], group: 'groupReports' },
  { path: '/reports/recurrence', label: 'navReportsRecurrence', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'], group: 'groupReports' },
  { path: '/reports/incidents', label: 'navReportsIncidents', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'], group: 'groupReports' },
  { path: '/reports/stored', label: 'navReportsStored', roles: ['QUALITY', 'SERVICE_MANAGER', 'GENERAL_MANAGER'], group: 'groupReports' },
  // Return visits and complaints.
  { path: '/visits', label: 'navVisits', roles: ['AGENT', 'SERVICE_MANAGER'], group: 'groupService' },
  { path: '/complaints', label: 'navComplaints', roles: ['AGENT', 'SERVICE_MANAGER', 'QUALITY', 'GENERAL_MANAGER'], group: 'groupService' },
  // Administration (ADMIN sees every item; the audit and the outbox are also
  // the service manager's, as the API allows).
  { path: '/admin/users', label: 'navAdminUsers', roles: ['ADMIN'], group: 'groupAdmin' },
  { path: '/admin/audit', label: 'navAdminAudit', roles: ['SERVICE_MANAGER', 'GENERAL_MANAGER'], group: 'groupAdmin' },
  { path: '/admin/jobs', label: 'navAdminJobs', roles: ['ADMIN'], group: 'groupAdmin' },
  { path: '/admin/outbox', label: 'navAdminOutbox', roles: ['SERVICE_MANAGER'], group: 'groupAdmin' },
  // Master data: whoever edits some of it (each sees only what they may edit).
  { path: '/admin/data', label: 'navMasterData', roles: ['SERVICE_MANAGER', 'AGENT', 'WAREHOUSE', 'QUALITY', 'FINANCE'], group: 'groupAdmin' },
  // Bulk import.
  { path: '/admin/import', label: 'navImport', roles: ['ADMIN'], group: 'groupAdmin' },
];

export function navFor(user: SessionUser | null | undefined): NavItem[] {
  return NAV.filter((item) => hasAnyRole(user, item.roles));
}

/** Each role's first screen, in the order a user of several roles is sent to one. */
const HOMES: readonly (readonly [Role, string])[] = [
  ['ADMIN', '/admin/users'],
  ['AGENT', '/tickets'],
  ['SERVICE_MANAGER', '/tickets'],
  ['DEALER', '/tickets'],
  ['GENERAL_MANAGER', '/approvals'],
  ['QUALITY', '/reports/recurrence'],
  ['WAREHOUSE', '/requisitions'],
  ['FINANCE', '/local-sales'],
];

/** Where a user lands after signing in: the role's daily work, else the first screen of the menu. */
export function homeFor(user: SessionUser | null | undefined): string {
  const home = HOMES.find(([role]) => user?.roles.includes(role))?.[1];
  return home ?? navFor(user)[0]?.path ?? '/account';
}
