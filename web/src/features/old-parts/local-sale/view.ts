// The list's filters in the URL, and who does what with a lot.
import type { LocalSaleStatus, Role } from '../../../gql/enums';

export const LOT_STATES: readonly LocalSaleStatus[] = ['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'SOLD', 'CANCELLED'];

/** May put a lot up for sale (createLocalSale). */
export const CREATORS: readonly Role[] = ['SERVICE_MANAGER', 'WAREHOUSE'];
/** May call a lot off (cancelLocalSale). */
export const CANCELLERS: readonly Role[] = ['SERVICE_MANAGER', 'GENERAL_MANAGER'];
/** May follow the audit trail, which tells the lot page that its lot changed. */
export const FOLLOWERS: readonly Role[] = ['SERVICE_MANAGER', 'GENERAL_MANAGER', 'ADMIN'];

export interface ListView {
  status?: LocalSaleStatus;
  province?: string;
  after?: string;
}

export function parseListView(params: URLSearchParams): ListView {
  const status = params.get('status') as LocalSaleStatus | null;
  return {
    status: status && LOT_STATES.includes(status) ? status : undefined,
    province: params.get('province') || undefined,
    after: params.get('after') || undefined,
  };
}

/** What a user may do with a lot in its state. */
export function lotSteps(
  lot: { status: LocalSaleStatus; approvers: readonly Role[] },
  roles: readonly Role[],
): { approve: boolean; cancel: boolean; proceeds: boolean } {
  const open = lot.status === 'DRAFT' || lot.status === 'PENDING_APPROVAL' || lot.status === 'APPROVED';
  return {
    approve: lot.status === 'PENDING_APPROVAL' && lot.approvers.some((r) => roles.includes(r)),
    cancel: open && CANCELLERS.some((r) => roles.includes(r)),
    proceeds: lot.status === 'APPROVED' && roles.includes('FINANCE'),
  };
}

/**
 * Whether an audit entry is about the lot `id`. The audit trail names the
 * record by its database key (`17`), the API's opaque id is
 * base64url(`LocalSale:17`).
 */
export function isAboutLot(entry: { entityType: string; entityId?: string | null }, id: string): boolean {
  if (entry.entityType !== 'local_sale' || !entry.entityId) return false;
  try {
    const decoded = atob(id.replace(/-/g, '+').replace(/_/g, '/'));
    return decoded === `LocalSale:${entry.entityId}`;
  } catch {
    return false;
  }
}
