import { createHash } from 'node:crypto';
import { PERMISSIONS, type Permission } from '../../../../src-shared/api/permissions.js';
import { CreateInvitation, type AccountUser, type OutgoingInvitation, type UpdateAccountUser } from '../../../../src-shared/api/team.js';
import { ClientdeckError } from '../../../errors.js';
import type { TeamPart } from '../../connector.js';
import { fromWhmcsKeys, toWhmcsKeys } from '../permission-map.js';
import type { AdminApi } from './admin-api.js';
import { fullName, GetUserPermissionsAnswer, GetUsersAnswer, isoFromWhmcs, Success, type WhmcsUser } from './answers.js';

/** GetUsers has no client filter: the users are walked in pages this size and filtered here. */
const USERS_PAGE = 250;
/** CreateClientInvite answers no expiry; WHMCS's invite mails are taken to stay valid this long. */
const ASSUMED_INVITE_DAYS = 7;

const WHMCS = 'WHMCS';
const unsupported = (what: string) => new ClientdeckError('not_supported', `${WHMCS} does not let Clientdeck ${what}.`);

/**
 * A client's users and their permissions through the admin API (GetUsers, GetUserPermissions,
 * UpdateUserPermissions, CreateClientInvite, DeleteUserClient). WHMCS has one role besides the
 * owner (a user with chosen permissions), no scoped grants, no invitation by customer number, and
 * no API to list, resend or cancel the invites it mailed: those are refused with a coded error.
 */
export class WhmcsAdminTeam implements TeamPart {
  constructor(private readonly api: AdminApi) {}

  async listUsers(accountId: string): Promise<AccountUser[]> {
    const clientId = Number(accountId);
    const everyone = await this.api.listAll('GetUsers', {}, GetUsersAnswer, (page) => page.users, USERS_PAGE);
    const users: AccountUser[] = [];
    for (const user of everyone) {
      const link = user.clients.find((c) => c.id === clientId);
      if (!link) continue;
      const permissions = link.isOwner ? [...PERMISSIONS] : await this.#permissionsOf(user.id, accountId);
      users.push(accountUser(user, link.isOwner, permissions));
    }
    return users;
  }

  async updateUser(accountId: string, userId: string, changes: UpdateAccountUser): Promise<AccountUser> {
    if (changes.role === 'admin') throw unsupported('make a user an administrator of a client: besides the owner, every user has chosen permissions');
    if (changes.scope) throw unsupported('limit a user to chosen services or domains');
    if (changes.permissions) {
      await this.api.call('UpdateUserPermissions', { user_id: userId, client_id: accountId, permissions: keysOf(changes.permissions) }, Success);
    }
    const updated = (await this.listUsers(accountId)).find((u) => u.userId === userId);
    if (!updated) throw new ClientdeckError('not_found', 'The user was changed, but WHMCS no longer lists them on this client.');
    return updated;
  }

  async revokeUser(accountId: string, userId: string): Promise<void> {
    await this.api.call('DeleteUserClient', { user_id: userId, client_id: accountId }, Success);
  }

  leave(_accountId: string): Promise<void> {
    return Promise.reject(unsupported('leave a client through the admin API: the API credentials are the provider’s own, not a user of the client'));
  }

  /** WHMCS's API keeps no list of the invites it mailed, so there is nothing to show. */
  async listInvitations(_accountId: string): Promise<OutgoingInvitation[]> {
    return [];
  }

  async invite(accountId: string, invitation: CreateInvitation): Promise<OutgoingInvitation> {
    const request = CreateInvitation.parse(invitation);
    if (!('email' in request)) throw unsupported('invite by customer number');
    if (request.role === 'admin') throw unsupported('invite an administrator of a client: besides the owner, every user has chosen permissions');
    if (request.scope) throw unsupported('limit an invitation to chosen services or domains');
    await this.api.call('CreateClientInvite', { client_id: accountId, email: request.email, permissions: keysOf(request.permissions) }, Success);
    const now = new Date();
    return {
      id: inviteId(accountId, request.email),
      accountId,
      email: request.email,
      customerNumber: null,
      role: 'member',
      permissions: fromWhmcsKeys(toWhmcsKeys(request.permissions)),
      scope: null,
      status: 'pending',
      invitedBy: { name: `${WHMCS} API`, email: this.api.identifier ?? '' },
      createdAt: now.toISOString(),
      sentAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ASSUMED_INVITE_DAYS * 86_400_000).toISOString(),
      answeredAt: null,
      kind: 'access',
    };
  }

  resendInvitation(_accountId: string, _invitationId: string): Promise<OutgoingInvitation> {
    return Promise.reject(unsupported('resend an invitation through the admin API; invite the address again instead'));
  }

  cancelInvitation(_accountId: string, _invitationId: string): Promise<OutgoingInvitation> {
    return Promise.reject(unsupported('cancel an invitation through the admin API; cancel it in the WHMCS admin area'));
  }

  async #permissionsOf(userId: number, accountId: string): Promise<Permission[]> {
    const answer = await this.api.call('GetUserPermissions', { user_id: userId, client_id: accountId }, GetUserPermissionsAnswer);
    return fromWhmcsKeys(answer.permissions);
  }
}

/** WHMCS keys for a grant; a grant WHMCS could not store a single key of is refused before any request. */
function keysOf(permissions: readonly Permission[]): string {
  const keys = toWhmcsKeys(permissions);
  if (keys.length === 0) throw unsupported('give only the permission to manage users: in WHMCS only the owner manages users');
  return keys.join(',');
}

/** CreateClientInvite answers no id: the invite is named by its client and address, which WHMCS keeps unique. */
function inviteId(accountId: string, email: string): string {
  return `whmcs-invite-${createHash('sha256').update(`${accountId}\n${email}`).digest('hex').slice(0, 32)}`;
}

function accountUser(user: WhmcsUser, isOwner: boolean, permissions: Permission[]): AccountUser {
  const joined = isoFromWhmcs(user.datecreated);
  return {
    userId: String(user.id),
    name: fullName(user.firstname, user.lastname) || user.email,
    email: user.email,
    role: isOwner ? 'owner' : 'member',
    permissions,
    scope: null,
    status: 'active',
    origin: isOwner ? 'owner' : 'invitation',
    joinedAt: joined,
    updatedAt: joined,
  };
}
