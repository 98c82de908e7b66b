import type { Kysely } from 'kysely';
import type { Permission, Role, Scope } from '../../src-shared/api/permissions.js';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { Database, MembershipRow } from '../db/tables.js';
import { ClientAreaError, notFound } from './errors.js';
import { grantOf } from './memberships.js';

/** A user's effective grant on one account, read fresh on every request: changes take effect at once. */
export interface Grant {
  membership: MembershipRow;
  accountId: string;
  userId: string;
  role: Role;
  permissions: Permission[];
  scope: Scope;
}

export function toGrant(membership: MembershipRow): Grant {
  return { membership, accountId: membership.account_id, userId: membership.user_id, ...grantOf(membership) };
}

/**
 * The caller's grant, or `not_found` (never `forbidden`: an outsider cannot probe which accounts
 * exist). On an account that requires two-factor sign-in, a login without it is refused with
 * `two_factor_required` until it enrols; the same query reads the grant and the policy.
 */
export async function requireGrant(db: Kysely<Database>, userId: string, accountId: string): Promise<Grant> {
  const row = await GRANT.first(db, { userId, accountId });
  if (!row) throw notFound('The account');
  const { policy_account, two_factor_user, ...membership } = row;
  if (policy_account !== null && two_factor_user === null) throw needsTwoFactor();
  return toGrant(membership);
}

/** The membership with the account's two-factor policy and the login's enrolment: read by every request on an account. */
const GRANT = new CompiledStatement('grant on account', (db, v: Slots<{ userId: string; accountId: string }>) =>
  db
    .selectFrom('memberships')
    .leftJoin('two_factor_policies', 'two_factor_policies.account_id', 'memberships.account_id')
    .leftJoin('two_factor', (join) => join.onRef('two_factor.user_id', '=', 'memberships.user_id').on('two_factor.enabled_at', 'is not', null))
    .selectAll('memberships')
    .select(['two_factor_policies.account_id as policy_account', 'two_factor.user_id as two_factor_user'])
    .where('memberships.user_id', '=', v.userId)
    .where('memberships.account_id', '=', v.accountId),
);

export const needsTwoFactor = () =>
  new ClientAreaError(
    'two_factor_required',
    403,
    'This account requires two-factor sign-in for everyone with access. Turn on two-factor sign-in for your login to use it.',
  );

const PERMISSION_WORDS: Partial<Record<Permission, string>> = {
  'users.manage': 'manage its users',
  'contacts.manage': 'manage its contacts',
  'services.view': 'see its services',
  'services.manage': 'manage its services',
  'domains.view': 'see its domains',
  'domains.manage': 'manage its domains',
  tickets: 'open and read its tickets',
};

export function holds(grant: Grant, permission: Permission): boolean {
  return grant.permissions.includes(permission);
}

export function assertPermission(grant: Grant, permission: Permission): void {
  if (!holds(grant, permission)) {
    const what = PERMISSION_WORDS[permission] ?? `use ${permission}`;
    throw new ClientAreaError('forbidden', 403, `You have no permission to ${what} on this account (it needs ${permission}).`);
  }
}

/** Viewing is implied by managing: a grant with services.manage sees services too. */
export function canView(grant: Grant, what: 'services' | 'domains'): boolean {
  return holds(grant, `${what}.view`) || holds(grant, `${what}.manage`);
}

export function assertOwner(grant: Grant, action: string): void {
  if (grant.role !== 'owner') throw new ClientAreaError('forbidden', 403, `Only the account owner can ${action}.`);
}

export function assertOwnerOrAdmin(grant: Grant, action: string): void {
  if (grant.role === 'member') throw new ClientAreaError('forbidden', 403, `Only the owner or an admin can ${action}.`);
}

/**
 * An admin gives only what they hold: every permission of a grant they make or change, and every
 * permission of a grant they take away, must be among their own. The owner holds everything.
 */
export function assertCanGrant(actor: Grant, permissions: readonly Permission[], verb = 'grant'): void {
  if (actor.role === 'owner') return;
  const missing = permissions.filter((p) => !actor.permissions.includes(p));
  if (missing.length > 0) {
    throw new ClientAreaError('forbidden', 403, `You cannot ${verb} permissions you do not hold yourself: ${missing.join(', ')}.`);
  }
}

/**
 * Whether a scoped grant reaches a service or domain. A null scope is the whole account; a scope
 * names the services and domains it reaches, and a kind it does not name is not reached at all.
 * Domains may be named by id or by name.
 */
export function inScope(scope: Scope, kind: 'services' | 'domains', item: { id: string; name?: string }): boolean {
  if (scope === null) return true;
  const list = scope[kind];
  if (!list) return false;
  return list.includes(item.id) || (item.name !== undefined && list.includes(item.name));
}
