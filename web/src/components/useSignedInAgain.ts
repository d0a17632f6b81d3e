// Runs `again` when an expired session is signed in again, so that a query
// refused while the sign-in dialog was open loads now without a reload.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { getSession, subscribeSession } from '../app/session';

function liveToken(): string | undefined {
  const session = getSession();
  return session && !session.expired ? session.token : undefined;
}

export function useSignedInAgain(again: () => void) {
  const token = useSyncExternalStore(subscribeSession, liveToken);
  const seen = useRef(token);
  const latest = useRef(again);
  useEffect(() => {
    latest.current = again;
  });
  useEffect(() => {
    if (token && seen.current !== token) latest.current();
    seen.current = token;
  }, [token]);
}
