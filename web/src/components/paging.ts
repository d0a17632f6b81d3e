// Keyset paging by the API's cursors, for any list page: the variables of a
// page and whether "previous" and "next" lead anywhere.

export interface Cursors {
  /** At most one is set: forward after, backward before. */
  after: string | null;
  before: string | null;
}

export interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** `first`/`after` going forward, `last`/`before` going back. */
export function pageVariables({ after, before }: Cursors, size: number) {
  return before ? { last: size, before } : { first: size, ...(after ? { after } : {}) };
}

/**
 * Whether "previous" and "next" lead anywhere. The server answers
 * hasPreviousPage only going backward and hasNextPage only going forward;
 * the page we came from is known to be there.
 */
export function pagingOf(cursors: Cursors, info: PageInfoLike | undefined) {
  if (!info) return { prev: false, next: false };
  if (cursors.before) return { prev: info.hasPreviousPage, next: true };
  return { prev: cursors.after !== null, next: info.hasNextPage };
}

/** The cursors in a URL's `after` / `before` (after wins when both are there). */
export function cursorsOf(params: URLSearchParams): Cursors {
  const after = params.get('after') || null;
  return { after, before: after ? null : params.get('before') || null };
}

/** Writes the cursors into `params` (none for the first page). */
export function writeCursors(params: URLSearchParams, { after, before }: Cursors) {
  if (after) params.set('after', after);
  else if (before) params.set('before', before);
}
