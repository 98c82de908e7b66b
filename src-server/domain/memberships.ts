import type { Kysely } from 'kysely';
import { Permission, type Role, effectivePermissions, Scope } from '../../src-shared/api/permissions.js';
import type { Database, MembershipRow } from '../db/tables.js';
import { newSortableId } from './tokens.js';
import type { AccountUser } from '../../src-shared/api/team.js';

/**
 * A membership is a user's grant on one account. Stored permissions are the set the owner chose;
 * what a caller may do is always computed through `effectivePermissions` (owners hold everything,
 * members never manage users), so a stored row can never widen a role.
 */
export function grantOf(row: Pick<MembershipRow, 'role' | 'permissions' | 'scope'>): {
  role: Role;
  permissions: Permission[];
  scope: Scope;
} {
  return {
    role: row.role,
    permissions: effectivePermissions(row.role, parsePermissions(row.permissions)),
    // Owners and admins always reach the whole account.
    scope: row.role === 'member' ? parseScope(row.scope) : null,
  };
}

/**
 * Stored permission sets repeat (a page of 200 accounts holds a handful of distinct ones), and
 * reading them is on every accounts page: each distinct text is checked once and remembered.
 */
const parsedPermissions = new Map<string, readonly Permission[]>();
const REMEMBERED_PERMISSION_SETS = 1_000;

export function parsePermissions(json: string): Permission[] {
  let known = parsedPermissions.get(json);
  if (!known) {
    const parsed = Permission.array().safeParse(safeJson(json));
    known = parsed.success ? parsed.data : [];
    if (parsedPermissions.size >= REMEMBERED_PERMISSION_SETS) parsedPermissions.clear();
    parsedPermissions.set(json, known);
  }
  return [...known];
}

export function parseScope(json: string | null): Scope {
  if (json === null) return null;
  const parsed = Scope.safeParse(safeJson(json));
  return parsed.success ? parsed.data : null;
}

export function serializeScope(scope: Scope | undefined): string | null {
  return scope ? JSON.stringify(scope) : null;
}

function safeJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export async function findMembership(db: Kysely<Database>, userId: string, accountId: string): Promise<MembershipRow | undefined> {
  return db.selectFrom('memberships').selectAll().where('user_id', '=', userId).where('account_id', '=', accountId).executeTakeFirst();
}

export interface NewMembership {
  accountId: string;
  userId: string;
  role: Role;
  permissions: readonly Permission[];
  scope?: Scope | undefined;
  /** How the access came about; defaults to 'owner' for owners and 'invitation' otherwise. */
  origin?: AccountUser['origin'];
}

export async function insertMembership(db: Kysely<Database>, now: Date, m: NewMembership): Promise<void> {
  await db
    .insertInto('memberships')
    .values({
      id: newSortableId('mem'),
      account_id: m.accountId,
      user_id: m.userId,
      role: m.role,
      permissions: JSON.stringify(effectivePermissions(m.role, m.permissions)),
      scope: m.role === 'member' ? serializeScope(m.scope) : null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      origin: m.origin ?? (m.role === 'owner' ? 'owner' : 'invitation'),
    })
    .execute();
}
