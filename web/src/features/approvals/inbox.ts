// What the inbox shows a viewer.
import type { Role } from '../../gql/enums';

/** The items the viewer may decide: one of their roles is among the approvers. */
export function mine<T extends { approvers: readonly Role[] }>(items: readonly T[], roles: readonly Role[]): T[] {
  return items.filter((item) => item.approvers.some((role) => roles.includes(role)));
}
