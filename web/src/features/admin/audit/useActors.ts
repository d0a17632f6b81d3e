// Names for the audit's actor ids. Only an administrator may list users;
// for anyone else an actor shows by id.
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { getSession } from '../../../app/session';
import { AuditActorsDocument } from '../../../gql/graphql';

export function useActors(): ReadonlyMap<string, string> {
  const admin = getSession()?.user.roles.includes('ADMIN') ?? false;
  const [{ data }] = useQuery({ query: AuditActorsDocument, pause: !admin });
  return useMemo(
    () => new Map((data?.users ?? []).map((user) => [user.id, `${user.displayName} (${user.username})`])),
    [data],
  );
}
