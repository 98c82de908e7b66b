import { User } from '../../../src-shared/api/users.js';
import {
  AccountUser,
  AccountUserList,
  OutgoingInvitation,
  OutgoingInvitationList,
  type CreateInvitation,
  type UpdateAccountUser,
} from '../../../src-shared/api/team.js';
import { ClientdeckError } from '../../errors.js';
import type { TeamPart, WriteOptions } from '../connector.js';
import { NoContent, seg, type ApiSession } from './api-session.js';

/** Account users and outgoing invitations at the Client Area Access API (`/accounts/{id}/users`, `/invitations`). */
export class ClientareaTeam implements TeamPart {
  constructor(private readonly api: ApiSession) {}

  listUsers(accountId: string) {
    return this.api.listAll(AccountUserList, `/accounts/${seg(accountId)}/users`);
  }

  updateUser(accountId: string, userId: string, changes: UpdateAccountUser) {
    return this.api.write(AccountUser, 'PATCH', `/accounts/${seg(accountId)}/users/${seg(userId)}`, changes);
  }

  async revokeUser(accountId: string, userId: string, options: WriteOptions = {}): Promise<void> {
    await this.api.write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/users/${seg(userId)}`, undefined, options.idempotencyKey);
  }

  async leave(accountId: string): Promise<void> {
    const me = this.api.user ?? (await this.api.authorized(User, { method: 'GET', url: '/me' }));
    await this.revokeUser(accountId, me.id);
  }

  listInvitations(accountId: string) {
    return this.api.listAll(OutgoingInvitationList, `/accounts/${seg(accountId)}/invitations`);
  }

  invite(accountId: string, invitation: CreateInvitation, options: WriteOptions = {}) {
    return this.api.write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/invitations`, invitation, options.idempotencyKey);
  }

  resendInvitation(accountId: string, invitationId: string) {
    return this.api.write(OutgoingInvitation, 'POST', `/accounts/${seg(accountId)}/invitations/${seg(invitationId)}/resend`, {});
  }

  async cancelInvitation(accountId: string, invitationId: string, options: WriteOptions = {}) {
    const body = await this.api.write(NoContent, 'DELETE', `/accounts/${seg(accountId)}/invitations/${seg(invitationId)}`, undefined, options.idempotencyKey);
    const parsed = OutgoingInvitation.safeParse(body);
    if (parsed.success) return parsed.data;
    // A provider may answer 204: the cancelled invitation is then read back from the list.
    const found = (await this.listInvitations(accountId)).find((i) => i.id === invitationId);
    if (!found) throw new ClientdeckError('not_found', 'The invitation was cancelled, but the provider no longer lists it.');
    return found;
  }
}
