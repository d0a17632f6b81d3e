// Downloads of the return progress report. The file comes from
// /exports/old-parts.{xlsx,csv} with the session's token in the
// Authorization header (a token in the URL would end up in logs and
// history); the body is saved through an object URL with the server's file
// name.
import type { Problem } from '../../../components/errors';

export type ReportFormat = 'xlsx' | 'csv';

export interface ReportParams {
  from?: string | null;
  to?: string | null;
  region?: string | null;
}

/** The export's address: the same parameters as `oldPartReturnReport`, empty ones left out. */
export function exportUrl(format: ReportFormat, params: ReportParams): string {
  const query = new URLSearchParams();
  if (params.from) query.set('from', params.from);
  if (params.to) query.set('to', params.to);
  if (params.region) query.set('region', params.region);
  const search = query.toString();
  return `/exports/old-parts.${format}${search ? `?${search}` : ''}`;
}

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first), or `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // A malformed extended name: the plain one below still names the file.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name || fallback;
}

/** The problems of a refused download (the API answers in GraphQL's error shape). */
export async function problemsOfResponse(response: Response): Promise<Problem[]> {
  try {
    const body = (await response.json()) as {
      errors?: { message?: string; extensions?: { code?: string; field?: string | null } }[];
    };
    if (body.errors?.length) {
      return body.errors.map((e) => ({
        code: e.extensions?.code ?? 'INTERNAL',
        field: e.extensions?.field ?? undefined,
        detail: e.message ?? '',
      }));
    }
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return [{ code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', detail: response.statusText }];
}

export type DownloadResult = { ok: true; fileName: string } | { ok: false; problems: Problem[] };

/** Fetches the export with `token` and saves it; a refusal comes back as problems. */
export async function downloadReport(format: ReportFormat, params: ReportParams, token: string): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(exportUrl(format, params), { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    return { ok: false, problems: [{ code: 'NETWORK', detail: String(error) }] };
  }
  if (!response.ok) return { ok: false, problems: await problemsOfResponse(response) };
  const fileName = fileNameOf(response.headers.get('content-disposition'), `old-part-return-report.${format}`);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a while after the click: a browser may read the blob only once
  // the download starts, and a URL revoked first downloads nothing.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return { ok: true, fileName };
}
