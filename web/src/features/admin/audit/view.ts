// The audit page's address (filters and page) and which recorded changes
// belong on it.

export interface AuditView {
  entityType: string;
  entityId: string;
  /** Cursor of the page's start; none for the first page. */
  after: string | null;
}

export function parseAuditView(params: URLSearchParams): AuditView {
  return {
    entityType: (params.get('entityType') ?? '').trim(),
    entityId: (params.get('entityId') ?? '').trim(),
    after: params.get('after') || null,
  };
}

export function auditViewToParams(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.entityType) params.set('entityType', view.entityType);
  if (view.entityId) params.set('entityId', view.entityId);
  if (view.after) params.set('after', view.after);
  return params;
}

/** The address of a record's history, for links from other screens. */
export function auditHref(entityType: string, entityId: string): string {
  return `/admin/audit?${auditViewToParams({ entityType, entityId, after: null }).toString()}`;
}

interface Entry {
  id: string;
  entityType: string;
  entityId?: string | null;
}

/** Whether an entry is about what the view filters on. */
export function matches(entry: Entry, filter: { entityType: string; entityId: string }): boolean {
  if (filter.entityType && entry.entityType !== filter.entityType) return false;
  return !filter.entityId || entry.entityId === recordKey(filter.entityId);
}

/** Entries recorded live, newest first, each once, leaving out those already listed. */
export function liveEntries<E extends Entry>(arrived: readonly E[], listed: readonly Entry[]): E[] {
  const seen = new Set(listed.map((entry) => entry.id));
  const out: E[] = [];
  for (let i = arrived.length - 1; i >= 0; i -= 1) {
    const entry = arrived[i]!;
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    out.push(entry);
  }
  return out;
}

/** The entity types the services record, for the filter's suggestions. */
export const ENTITY_TYPES = [
  'user',
  'engineer',
  'ticket',
  'quote',
  'customer',
  'dealer',
  'unit',
  'product_model',
  'part',
  'warehouse',
  'stock_level',
  'stock_movement',
  'stocktake',
  'requisition',
  'old_part',
  'local_sale',
  'complaint',
  'responsibility_determination',
  'fault_cause',
  'warranty_policy',
  'service_contract',
  'service_tariff',
  'care_schedule',
  'holiday',
  'notification',
  'report',
] as const;

/**
 * The id an audit entry records for a record the API names by `id`. Audit
 * entries carry the database id ("42") while the API hands out opaque ids
 * (base64 of "User:42"); until `auditLog` filters by the API's own id, a
 * screen holding an opaque id looks for the number inside it. Anything that
 * is not such an id is taken as the recorded id itself.
 */
export function recordKey(id: string): string {
  const trimmed = id.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(trimmed)) return trimmed;
  try {
    const text = atob(trimmed.replace(/-/g, '+').replace(/_/g, '/'));
    const found = /^[A-Za-z]+:(\d+)$/.exec(text);
    return found ? found[1]! : trimmed;
  } catch {
    return trimmed;
  }
}
