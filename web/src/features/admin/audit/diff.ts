// An audit entry's before and after as rows a person can read: nested
// records are flattened to dotted paths, and each path is marked added,
// removed, changed or the same.

export type Change = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  path: string;
  before?: string;
  after?: string;
  change: Change;
}

/** Leaf values by dotted path (`address.city`, `skills.0`); `{}` and `[]` are leaves. */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  const isRecord = value !== null && typeof value === 'object';
  const entries = isRecord ? Object.entries(value as Record<string, unknown>) : [];
  if (!isRecord || entries.length === 0) {
    // A bare scalar (rare: a deleted id) is the record itself.
    out.set(prefix || '·', value);
    return out;
  }
  for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

/** How a leaf value reads in a cell. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The rows of a change, in the record's own field order (after's, then
 * fields only before had). Unchanged fields come last when `changedFirst`.
 */
export function diff(before: unknown, after: unknown, changedFirst = true): DiffRow[] {
  const was = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const now = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const paths = [...now.keys(), ...[...was.keys()].filter((path) => !now.has(path))];
  const rows = paths.map((path): DiffRow => {
    const inBefore = was.has(path);
    const inAfter = now.has(path);
    const b = inBefore ? show(was.get(path)) : undefined;
    const a = inAfter ? show(now.get(path)) : undefined;
    const change: Change = !inBefore ? 'added' : !inAfter ? 'removed' : b === a ? 'same' : 'changed';
    return { path, before: b, after: a, change };
  });
  if (!changedFirst) return rows;
  return [...rows.filter((row) => row.change !== 'same'), ...rows.filter((row) => row.change === 'same')];
}

/** How many fields a change touched. */
export function changedCount(rows: readonly DiffRow[]): number {
  return rows.filter((row) => row.change !== 'same').length;
}
