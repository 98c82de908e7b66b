import { describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS, PERMISSIONS } from '../../../src-shared/api/permissions.js';
import type { AccountUser } from '../../../src-shared/api/team.js';
import {
  draftChanges,
  grantOf,
  normalizePermissions,
  permissionsLost,
  presetOf,
  presetPermissions,
  togglePermission,
  withRole,
} from '../../../src-renderer/account-detail/grant-draft.js';

function user(userId: string, role: AccountUser['role'], permissions: AccountUser['permissions']): AccountUser {
  return {
    userId,
    name: userId,
    email: `${userId}@example.com`,
    role,
    permissions,
    scope: null,
    status: 'active',
    origin: 'invitation',
    joinedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('presets', () => {
  it('names the preset a set is exactly, else custom', () => {
    expect(presetOf([...PERMISSION_PRESETS.accountant].reverse(), 'member')).toBe('accountant');
    expect(presetOf(['tickets'], 'member')).toBe('supportOnly');
    expect(presetOf(['tickets', 'affiliates'], 'member')).toBe('custom');
  });

  it("gives a member every permission but users.manage for 'all', and an admin all of them", () => {
    expect(presetPermissions('all', 'member')).toEqual(PERMISSIONS.filter((p) => p !== 'users.manage'));
    expect(presetOf(presetPermissions('all', 'member'), 'member')).toBe('all');
    expect(presetPermissions('all', 'admin')).toEqual([...PERMISSIONS]);
  });
});

describe('editing a grant', () => {
  it('keeps catalog order and drops users.manage when someone becomes a member', () => {
    expect(normalizePermissions(['tickets', 'profile.manage', 'tickets'], 'admin')).toEqual(['profile.manage', 'tickets']);
    const admin = { role: 'admin' as const, permissions: ['users.manage' as const, 'tickets' as const] };
    expect(withRole(admin, 'member')).toEqual({ role: 'member', permissions: ['tickets'] });
    expect(togglePermission({ role: 'member', permissions: ['tickets'] }, 'users.manage', true).permissions).toEqual(['tickets']);
    expect(togglePermission({ role: 'member', permissions: ['tickets'] }, 'tickets', false).permissions).toEqual([]);
  });

  it('asks only for what changed, and never touches the owner', () => {
    const users = [user('owner', 'owner', []), user('sara', 'member', ['billing.invoices']), user('marco', 'admin', ['tickets'])];
    const draft = {
      owner: { role: 'admin' as const, permissions: [] },
      sara: { role: 'member' as const, permissions: ['billing.invoices' as const] },
      marco: { role: 'member' as const, permissions: ['tickets' as const, 'affiliates' as const] },
    };
    expect(draftChanges(users, draft)).toEqual([{ user: users[2], changes: { role: 'member', permissions: ['tickets', 'affiliates'] } }]);
    expect(draftChanges(users, { sara: togglePermission(grantOf(users[1]!), 'tickets', true) })).toEqual([
      { user: users[1], changes: { permissions: ['billing.invoices', 'tickets'] } },
    ]);
  });

  it('names what a revoked user loses: everything for an owner, the effective set otherwise', () => {
    expect(permissionsLost(user('o', 'owner', []))).toHaveLength(PERMISSIONS.length);
    expect(permissionsLost(user('m', 'member', ['users.manage', 'tickets']))).toEqual(['tickets']);
  });
});
