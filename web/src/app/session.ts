// The signed-in session: the token, when it stops working, and who it is.
// Kept in sessionStorage (for this tab's session, gone when the tab closes).
// When the token expires the user is kept, marked expired, so that signing in
// again continues the work on the screen instead of starting over.
import type { Role } from '../gql/enums';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  dealerName?: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
  /** The token no longer works: sign in again to go on. */
  expired: boolean;
}

const STORAGE_KEY = 'aftersales.session';

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) <= Date.now() ? { ...session, expired: true } : session;
  } catch {
    return null;
  }
}

let current: Session | null = typeof sessionStorage !== 'undefined' ? load() : null;
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function publish(next: Session | null) {
  current = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  clearTimeout(expiryTimer);
  if (next && !next.expired) {
    // Timers cap at ~24.8 days; tokens live far shorter.
    const ms = Math.min(Date.parse(next.expiresAt) - Date.now(), 2 ** 31 - 1);
    expiryTimer = setTimeout(expireSession, Math.max(ms, 0));
  }
  listeners.forEach((listener) => listener());
}

export function getSession(): Session | null {
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A fresh sign-in. */
export function startSession(token: string, expiresAt: string, user: SessionUser) {
  publish({ token, expiresAt, user, expired: false });
}

/** The token stopped working (its time ran out, or the server refused it). */
export function expireSession() {
  if (current && !current.expired) publish({ ...current, expired: true });
}

export function endSession() {
  publish(null);
}

/** Sets the timer for a session restored from storage. */
export function resumeSession() {
  publish(current);
}

export function hasAnyRole(user: SessionUser | undefined | null, roles: readonly Role[]): boolean {
  if (!user) return false;
  return user.roles.includes('ADMIN') || user.roles.some((role) => roles.includes(role));
}
