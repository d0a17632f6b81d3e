// Talks to the import route beside the exports: `POST /imports/{kind}`
// with the file as the body and the session's bearer token. Its answers are
// JSON: a report, or `errors` with a code (and for a refused commit both).
import type { Problem } from '../../../components/errors';

export const IMPORT_KINDS = ['units', 'customers', 'dealers', 'parts', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One problem of one row, as the server lists it. */
export interface RowProblem {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  /** The column's English name (`serialNumber`). */
  column: string;
  /** `UNKNOWN_MODEL`, `DUPLICATE`, `BAD_DATE`, `BAD_PHONE`, … */
  code: string;
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  skipped: number;
  committed: boolean;
  /** At most the first thousand; `problemCount` says how many there are. */
  problems: RowProblem[];
  problemCount: number;
}

export type ImportAnswer =
  | { ok: true; report: ImportReport }
  | { ok: false; problem: Problem; report?: ImportReport };

export function importUrl(kind: ImportKind, mode: 'preview' | 'commit', skipInvalid: boolean): string {
  const query = new URLSearchParams({ mode });
  if (skipInvalid) query.set('skipInvalid', 'true');
  return `/imports/${kind}?${query.toString()}`;
}

function isReport(body: unknown): body is ImportReport {
  return typeof body === 'object' && body !== null && typeof (body as ImportReport).rows === 'number';
}

/** Reads the route's answer: its status and JSON body (or `undefined` when it was not JSON). */
export function readAnswer(status: number, body: unknown): ImportAnswer {
  const report = isReport(body) ? body : undefined;
  const error = (body as { errors?: { message?: string; extensions?: Record<string, unknown> }[] } | undefined)
    ?.errors?.[0];
  if (status === 200 && report && !error) return { ok: true, report };
  const ext = error?.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL';
  return {
    ok: false,
    report,
    problem: {
      code,
      field: typeof ext.field === 'string' ? ext.field : undefined,
      detail: error?.message ?? `HTTP ${status}`,
    },
  };
}

/** Sends `file` for a preview or a commit. */
export async function sendFile(
  file: Blob,
  kind: ImportKind,
  mode: 'preview' | 'commit',
  skipInvalid: boolean,
  token: string | undefined,
): Promise<ImportAnswer> {
  let response: Response;
  try {
    response = await fetch(importUrl(kind, mode, skipInvalid), {
      method: 'POST',
      body: file,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch (error) {
    return { ok: false, problem: { code: 'NETWORK', detail: String(error) } };
  }
  const body: unknown = await response.json().catch(() => undefined);
  return readAnswer(response.status, body);
}

/** What the commit button offers after a preview. */
export type Offer = { kind: 'import'; rows: number } | { kind: 'skip'; rows: number; skipped: number } | { kind: 'nothing' };

export function offerFor(report: ImportReport): Offer {
  const rows = report.created + report.updated;
  if (rows === 0) return { kind: 'nothing' };
  return report.invalid > 0 ? { kind: 'skip', rows, skipped: report.invalid } : { kind: 'import', rows };
}
