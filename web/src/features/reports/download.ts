// A stored report's file: fetched with the session's bearer token in the
// Authorization header (never in the address), then handed to the browser
// as a download through a short-lived object URL.
import { expireSession, getSession } from '../../app/session';
import type { Problem } from '../../components/errors';

/** The file name a response's Content-Disposition gives, else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return fallback;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ? plain[1].trim() : fallback;
}

/** The problem a refused download's JSON body names (the API's error shape). */
export async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    return { code: first?.extensions?.code ?? 'INTERNAL', detail: first?.message ?? response.statusText };
  } catch {
    return { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', detail: response.statusText };
  }
}

/** Downloads `url`; resolves to null when done, or to the problem. */
export async function download(url: string, fallbackName: string): Promise<Problem | null> {
  const session = getSession();
  let response: Response;
  try {
    response = await fetch(url, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  } catch (error) {
    return { code: 'NETWORK', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (problem.code === 'UNAUTHENTICATED') expireSession();
    return problem;
  }
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob over; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 1000);
  return null;
}
