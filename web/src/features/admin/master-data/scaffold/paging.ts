// Where a list is and how to page it, kept in the URL. The master-data lists
// page forward only (`first`/`after`), so the way back is the trail of the
// cursors that led here: "previous" takes the last one off.

/** Cursors are URL-safe base64 and never hold a dot. */
const SEP = '.';

export interface Position {
  /** The cursor this page starts after; null on the first page. */
  after: string | null;
  /** The `after` of every earlier page, first page first ('' for the first page). */
  trail: string[];
}

export function positionOf(params: URLSearchParams): Position {
  const after = params.get('after') || null;
  const raw = params.get('trail');
  // Without a trail (a pasted link) the way back leads to the first page.
  const trail = after ? (raw === null ? [''] : raw.split(SEP)) : [];
  return { after, trail };
}

function write(params: URLSearchParams, position: Position): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('after');
  next.delete('trail');
  if (position.after) {
    next.set('after', position.after);
    next.set('trail', position.trail.join(SEP));
  }
  return next;
}

/** The params of the page after this one, which ends at `endCursor`. */
export function nextPage(params: URLSearchParams, endCursor: string): URLSearchParams {
  const here = positionOf(params);
  return write(params, { after: endCursor, trail: [...here.trail, here.after ?? ''] });
}

/** The params of the page before this one. */
export function previousPage(params: URLSearchParams): URLSearchParams {
  const here = positionOf(params);
  const trail = [...here.trail];
  const after = trail.pop() || null;
  return write(params, { after, trail });
}

/** A changed filter starts again at the first page. */
export function withFilter(params: URLSearchParams, name: string, value: string | undefined): URLSearchParams {
  const next = write(params, { after: null, trail: [] });
  if (value) next.set(name, value);
  else next.delete(name);
  return next;
}

interface Connection<Row> {
  nodes: Row[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** One page of an API connection: its rows, the total and the cursor onward (null on the last page). */
export function connectionPage<Row>(connection: Connection<Row>) {
  return {
    rows: connection.nodes,
    totalCount: connection.totalCount,
    next: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
  };
}
