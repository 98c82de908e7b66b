import { effectivePermissions } from '../../../../src-shared/api/permissions.js';
import type { AccountUser, CreateInvitation, OutgoingInvitation, UpdateAccountUser } from '../../../../src-shared/api/team.js';
import { ClientdeckError } from '../../../errors.js';
import type { TeamPart } from '../../connector.js';
import type { Page } from './browser.js';
import { whmcsFailures } from './failures.js';
import { fromWhmcsKeys as fromWhmcs, toWhmcsKeys as toWhmcs, WHMCS_PERMISSIONS, type WhmcsPermissionKey } from '../permission-map.js';
import { route, type WhmcsSession } from './session.js';
import {
  CANCEL_ROUTE,
  INVITE_ROUTE,
  isUserManagement,
  parseCheckedPermissions,
  parseInvites,
  parseUsers,
  permissionsRoute,
  REMOVE_ROUTE,
  RESEND_ROUTE,
  USERS_ROUTE,
  type InviteRow,
} from './team-pages.js';

/** True when the keys are every key WHMCS has: the invite form's "all permissions". */
function isAllPermissions(keys: readonly WhmcsPermissionKey[]): boolean {
  return Object.keys(WHMCS_PERMISSIONS).every((key) => keys.includes(key as WhmcsPermissionKey));
}

/** WHMCS's invite links stay valid for a week (its invite mail says so); it shows no date. */
const INVITE_LIFETIME_MS = 7 * 24 * 3600_000;

/**
 * The owner's User Management, as WHMCS's client area offers it: users with last login and
 * two-factor state, their permissions, invites by email with all or chosen permissions, pending
 * invites resent or cancelled. WHMCS has no roles beyond owner and user, no scopes and no way to
 * leave an account oneself.
 */
export class WhmcsTeam implements TeamPart {
  constructor(
    private readonly session: WhmcsSession,
    private readonly clock: () => Date,
  ) {}

  listUsers(accountId: string): Promise<AccountUser[]> {
    return this.session.exclusive(() => this.#users(accountId));
  }

  updateUser(accountId: string, userId: string, changes: UpdateAccountUser): Promise<AccountUser> {
    return this.session.exclusive(async () => {
      if (changes.role === 'admin' || changes.scope)
        throw new ClientdeckError('not_supported', 'WHMCS does not offer roles or limiting access to some services: choose permissions instead.');
      if (changes.permissions) {
        const form = new URLSearchParams();
        for (const key of toWhmcs(changes.permissions)) form.set(`perms[${key}]`, '1');
        await this.#ownerPage(accountId, route(permissionsRoute(userId)), form);
      }
      const user = (await this.#users(accountId)).find((u) => u.userId === userId);
      if (!user) throw new ClientdeckError('not_found', 'This user no longer has access to the account.');
      return user;
    });
  }

  revokeUser(accountId: string, userId: string): Promise<void> {
    return this.session.exclusive(async () => {
      await this.#ownerPage(accountId, route(REMOVE_ROUTE), new URLSearchParams({ userid: userId }));
    });
  }

  leave(): Promise<void> {
    return Promise.reject(new ClientdeckError('not_supported', 'WHMCS does not offer leaving an account yourself: ask its owner to remove your access.'));
  }

  listInvitations(accountId: string): Promise<OutgoingInvitation[]> {
    return this.session.exclusive(async () =>
      parseInvites(await this.#ownerPage(accountId, route(USERS_ROUTE))).map((row) => this.#invitation(accountId, row)),
    );
  }

  invite(accountId: string, invitation: CreateInvitation): Promise<OutgoingInvitation> {
    if (!('email' in invitation))
      return Promise.reject(new ClientdeckError('not_supported', 'WHMCS does not offer inviting by customer number: invite by email address.'));
    return this.session.exclusive(async () => {
      const keys = toWhmcs(invitation.permissions);
      if (keys.length === 0) throw new ClientdeckError('invalid_message', 'Choose at least one permission WHMCS offers.');
      const email = invitation.email.trim().toLowerCase();
      const form = new URLSearchParams({ inviteemail: email, permissions: isAllPermissions(keys) ? 'all' : 'choose' });
      if (!isAllPermissions(keys)) for (const key of keys) form.set(`perms[${key}]`, '1');
      const page = await this.#ownerPage(accountId, route(INVITE_ROUTE), form);
      const row = parseInvites(page).find((r) => r.email.toLowerCase() === email);
      if (!row)
        throw new ClientdeckError(
          'provider_error',
          `${this.session.provider} did not list the invitation to ${email} after sending it. Check the address and try again.`,
        );
      return { ...this.#invitation(accountId, row), permissions: fromWhmcs(keys) };
    });
  }

  resendInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation> {
    return this.session.exclusive(async () => {
      const page = await this.#ownerPage(accountId, route(RESEND_ROUTE), new URLSearchParams({ inviteid: invitationId }));
      const row = parseInvites(page).find((r) => r.id === invitationId);
      if (!row) throw new ClientdeckError('invitation_not_pending', 'This invitation is no longer pending.');
      return this.#invitation(accountId, row);
    });
  }

  cancelInvitation(accountId: string, invitationId: string): Promise<OutgoingInvitation> {
    return this.session.exclusive(async () => {
      const row = parseInvites(await this.#ownerPage(accountId, route(USERS_ROUTE))).find((r) => r.id === invitationId);
      if (!row) throw new ClientdeckError('invitation_not_pending', 'This invitation is no longer pending.');
      await this.#ownerPage(accountId, route(CANCEL_ROUTE), new URLSearchParams({ inviteid: invitationId }));
      return { ...this.#invitation(accountId, row), status: 'cancelled', answeredAt: this.clock().toISOString() };
    });
  }

  /** The users, each non-owner's permissions read from their Manage Permissions page. */
  async #users(accountId: string): Promise<AccountUser[]> {
    const now = this.clock();
    const rows = parseUsers(await this.#ownerPage(accountId, route(USERS_ROUTE)), now);
    const users: AccountUser[] = [];
    for (const row of rows) {
      const role = row.owner ? 'owner' : 'member';
      const permissions = row.owner ? [] : fromWhmcs(parseCheckedPermissions(await this.session.page(route(permissionsRoute(row.id)))));
      users.push({
        userId: row.id,
        name: row.email,
        email: row.email,
        role,
        permissions: effectivePermissions(role, permissions),
        scope: null,
        status: 'active',
        origin: row.owner ? 'owner' : 'invitation',
        // WHMCS shows when a user last came, not when they joined.
        joinedAt: row.lastLoginAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
        lastLoginAt: row.lastLoginAt,
        twoFactorEnabled: row.twoFactorEnabled,
      });
    }
    return users;
  }

  /** A page of the owner's area of `accountId`; what is not the User Management page means "not the owner". */
  async #ownerPage(accountId: string, path: string, form?: URLSearchParams): Promise<Page> {
    await this.session.useAccount(accountId);
    const page = await this.session.page(path, form);
    if (!isUserManagement(page) && !path.includes('/permissions')) throw whmcsFailures.notOwner(this.session.provider);
    return page;
  }

  #invitation(accountId: string, row: InviteRow): OutgoingInvitation {
    const now = this.clock();
    return {
      id: row.id,
      accountId,
      email: row.email,
      customerNumber: null,
      role: 'member',
      permissions: [],
      scope: null,
      status: 'pending',
      invitedBy: { name: '', email: '' },
      createdAt: now.toISOString(),
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS).toISOString(),
      answeredAt: null,
    };
  }
}
