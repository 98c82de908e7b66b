import type { Kysely } from 'kysely';
import type { Permission, Role, Scope } from '../../src-shared/api/permissions.js';
import type { Database, MembershipRow } from '../db/tables.js';
import { ClientAreaError, notFound } from './errors.js';
import { findMembership, grantOf } from './memberships.js';

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

/** The caller's grant, or `not_found` (never `forbidden`: an outsider cannot probe which accounts exist). */
export async function requireGrant(db: Kysely<Database>, userId: string, accountId: string): Promise<Grant> {
  const membership = await findMembership(db, userId, accountId);
  if (!membership) throw notFound('The account');
  return toGrant(membership);
}

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
