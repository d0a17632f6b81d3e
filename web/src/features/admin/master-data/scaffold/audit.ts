// Each record links to its history in the audit log, which names records by
// their entity type and database id (`entityId`), not the API's opaque id.
// The opaque id is `base64url("Kind:123")`; only its number is read here,
// for the link, and never sent back to the API.

/** The audit log's id of a record, from the API's opaque id; null when it is not one. */
export function auditIdOf(opaqueId: string): string | null {
  try {
    const text = atob(opaqueId.replace(/-/g, '+').replace(/_/g, '/'));
    const number = text.slice(text.indexOf(':') + 1);
    return text.includes(':') && /^\d+$/.test(number) ? number : null;
  } catch {
    return null;
  }
}

/** The audit page of one record, or of every record of the type when the id is unknown. */
export function auditHref(entityType: string, entityId: string | null): string {
  const params = new URLSearchParams({ entityType });
  if (entityId) params.set('entityId', entityId);
  return `/admin/audit?${params.toString()}`;
}
