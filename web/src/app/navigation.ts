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
  { path: '/tickets', label: 'navTickets', roles: TICKET_READERS },
  // Bulk import.
  { path: '/admin/import', label: 'navImport', roles: ['ADMIN'] },
];

export function navFor(user: SessionUser | null | undefined): NavItem[] {
  return NAV.filter((item) => hasAnyRole(user, item.roles));
}

/** Where a user lands after signing in. */
export function homeFor(user: SessionUser | null | undefined): string {
  const ordered = hasAnyRole(user, ['AGENT', 'SERVICE_MANAGER', 'DEALER']) ? '/tickets' : undefined;
  return ordered ?? navFor(user)[0]?.path ?? '/account';
}
