import { PERMISSION_PRESETS, PERMISSIONS, type Permission, type PermissionPreset } from '../../src-shared/api/permissions.js';
import type { AccountUser, UpdateAccountUser } from '../../src-shared/api/team.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';

export interface GrantDraft {
  role: GrantRole;
  permissions: Permission[];
}
/** Unsaved edits of the permission matrix, by user id. */
export type MatrixDraft = Record<string, GrantDraft>;

export const PRESET_NAMES = Object.keys(PERMISSION_PRESETS) as PermissionPreset[];

/** Catalog order, no duplicates, and never users.manage for a plain member (the server would drop it). */
export function normalizePermissions(permissions: Iterable<Permission>, role: GrantRole): Permission[] {
  const set = new Set(permissions);
  if (role === 'member') set.delete('users.manage');
  return PERMISSIONS.filter((p) => set.has(p));
}

/** The preset a set is exactly, else "custom". A member's "all" is every permission but users.manage. */
export function presetOf(permissions: readonly Permission[], role: GrantRole = 'admin'): PermissionPreset | 'custom' {
  const have = new Set(permissions);
  for (const name of PRESET_NAMES) {
    const wanted = normalizePermissions(PERMISSION_PRESETS[name], role);
    if (wanted.length === have.size && wanted.every((p) => have.has(p))) return name;
  }
  return 'custom';
}

export function presetPermissions(preset: PermissionPreset, role: GrantRole): Permission[] {
  return normalizePermissions(PERMISSION_PRESETS[preset], role);
}

/**
 * Where a new grant starts, and where the invite form goes back to after each send: a member
 * with the web developer's permissions on the whole account, so one person's wider access never
 * carries over to the next invitation by accident.
 */
export function safeDefaultGrant(): GrantDraft {
  return { role: 'member', permissions: presetPermissions('webDeveloper', 'member') };
}

export function grantOf(user: AccountUser): GrantDraft {
  const role: GrantRole = user.role === 'admin' ? 'admin' : 'member';
  return { role, permissions: normalizePermissions(user.permissions, role) };
}

export function togglePermission(grant: GrantDraft, permission: Permission, on: boolean): GrantDraft {
  const set = new Set(grant.permissions);
  if (on) set.add(permission);
  else set.delete(permission);
  return { ...grant, permissions: normalizePermissions(set, grant.role) };
}

export function withRole(grant: GrantDraft, role: GrantRole): GrantDraft {
  return { role, permissions: normalizePermissions(grant.permissions, role) };
}

/** The PATCHes the draft asks for: only users whose role or permissions differ from what is stored. */
export function draftChanges(users: readonly AccountUser[], draft: MatrixDraft): { user: AccountUser; changes: UpdateAccountUser }[] {
  const out: { user: AccountUser; changes: UpdateAccountUser }[] = [];
  for (const user of users) {
    const wanted = draft[user.userId];
    if (!wanted || user.role === 'owner') continue;
    const stored = grantOf(user);
    const changes: { role?: GrantRole; permissions?: Permission[] } = {};
    if (wanted.role !== stored.role) changes.role = wanted.role;
    const samePermissions = wanted.permissions.length === stored.permissions.length && wanted.permissions.every((p) => stored.permissions.includes(p));
    if (!samePermissions) changes.permissions = wanted.permissions;
    if (changes.role !== undefined || changes.permissions !== undefined) out.push({ user, changes: changes as UpdateAccountUser });
  }
  return out;
}

/** What a user holds now and would no longer hold: named in the revoke confirmation. */
export function permissionsLost(user: Pick<AccountUser, 'role' | 'permissions'>): Permission[] {
  if (user.role === 'owner') return [...PERMISSIONS];
  return normalizePermissions(user.permissions, user.role === 'admin' ? 'admin' : 'member');
}
