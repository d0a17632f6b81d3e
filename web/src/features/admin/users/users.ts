// What the user list and the account forms decide on their own: which
// accounts match the search, what a role set needs (a dealer, a region), and
// a strong password an administrator can hand over.
import type { Role } from '../../../gql/enums';

export interface ListedUser {
  username: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  roles: readonly Role[];
  active: boolean;
  dealer?: { code: string; name: string } | null;
}

export type StateFilter = 'active' | 'inactive';

export interface UserView {
  /** Part of the sign-in name, display name, e-mail, phone or dealer. */
  q: string;
  role: Role | null;
  state: StateFilter | null;
}

const ROLES: readonly Role[] = [
  'AGENT',
  'ENGINEER',
  'WAREHOUSE',
  'SERVICE_MANAGER',
  'FINANCE',
  'QUALITY',
  'GENERAL_MANAGER',
  'ADMIN',
  'DEALER',
];

export function parseUserView(params: URLSearchParams): UserView {
  const role = params.get('role');
  const state = params.get('state');
  return {
    q: params.get('q') ?? '',
    role: ROLES.includes(role as Role) ? (role as Role) : null,
    state: state === 'active' || state === 'inactive' ? state : null,
  };
}

export function userViewToParams(view: UserView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q.trim()) params.set('q', view.q);
  if (view.role) params.set('role', view.role);
  if (view.state) params.set('state', view.state);
  return params;
}

/** The users the view shows, sign-in names in order. */
export function filterUsers<U extends ListedUser>(users: readonly U[], view: UserView): U[] {
  const needle = view.q.trim().toLowerCase();
  return users
    .filter((user) => !view.role || user.roles.includes(view.role))
    .filter((user) => !view.state || user.active === (view.state === 'active'))
    .filter((user) => {
      if (!needle) return true;
      return [user.username, user.displayName, user.email, user.phone, user.dealer?.code, user.dealer?.name].some(
        (text) => text?.toLowerCase().includes(needle),
      );
    })
    .sort((a, b) => a.username.localeCompare(b.username));
}

/** What a role set asks of the form besides the roles themselves. */
export interface RoleNeeds {
  dealer: boolean;
  engineer: boolean;
  /** DEALER goes alone: a dealer's user holds no staff role. */
  dealerMixed: boolean;
}

export function roleNeeds(roles: readonly Role[]): RoleNeeds {
  const dealer = roles.includes('DEALER');
  return { dealer, engineer: roles.includes('ENGINEER'), dealerMixed: dealer && roles.length > 1 };
}

/** ENGINEER given to someone who has never been an engineer needs a home region. */
export function needsRegion(before: readonly Role[], after: readonly Role[]): boolean {
  return after.includes('ENGINEER') && !before.includes('ENGINEER');
}

// No 0/O, 1/l/I: the password may be read out over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of `length` characters from the browser's cryptographic source. */
export function generatePassword(length = 14, random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}
