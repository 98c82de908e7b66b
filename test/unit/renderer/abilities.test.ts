import { describe, expect, it } from 'vitest';
import type { Capability } from '../../../src-shared/api/connectors.js';
import { abilitiesFor } from '../../../src-renderer/account/abilities.js';

const ALL: Capability[] = ['accounts.list', 'invitations.incoming', 'invitations.answer', 'users.manage', 'contacts', 'managed_users', 'audit', 'sso'];

describe('abilitiesFor', () => {
  it('lets an owner run the account where the connector can', () => {
    expect(abilitiesFor({ role: 'owner', permissions: [] }, { capabilities: ALL })).toEqual({
      manageUsers: true,
      managedUsers: true,
      contacts: true,
      audit: true,
      leave: false,
      openPanel: true,
    });
  });

  it('lets an admin manage users only with users.manage, and a member never', () => {
    expect(abilitiesFor({ role: 'admin', permissions: ['users.manage'] }, { capabilities: ALL }).manageUsers).toBe(true);
    expect(abilitiesFor({ role: 'admin', permissions: ['tickets'] }, { capabilities: ALL }).manageUsers).toBe(false);
    const member = abilitiesFor({ role: 'member', permissions: ['users.manage', 'contacts.manage'] }, { capabilities: ALL });
    expect(member).toMatchObject({ manageUsers: false, audit: false, contacts: true, leave: true });
  });

  it('hides what the connection cannot do', () => {
    const limited = abilitiesFor({ role: 'owner', permissions: [] }, { capabilities: ['accounts.list', 'users.manage'] });
    expect(limited).toEqual({ manageUsers: true, managedUsers: false, contacts: false, audit: false, leave: false, openPanel: false });
    expect(abilitiesFor({ role: 'owner', permissions: [] }, undefined).manageUsers).toBe(false);
  });
});
