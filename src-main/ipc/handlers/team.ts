import type { teamChannels } from '../../../src-shared/ipc/channels/team.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capableConnector } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

/**
 * Who has access to an account the caller runs. The provider decides who may do what; its
 * refusals come back as forbidden / conflict / not_found with its own sentence.
 */
export function createTeamHandlers(deps: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof teamChannels> {
  const USERS = 'users.manage' as const;
  const manageUsers = 'manage who has access to accounts';
  const on = (connectionId: string, what: string) => capableConnector(deps.connections, connectionId, USERS, what);

  return {
    'team.get': async ({ connectionId, accountId }) => {
      const connector = await on(connectionId, manageUsers);
      const [users, invitations] = await Promise.all([connector.listAccountUsers(accountId), connector.listOutgoingInvitations(accountId)]);
      return { users, invitations };
    },
    'team.invite': async ({ connectionId, accountId, invitation }) => (await on(connectionId, manageUsers)).invite(accountId, invitation),
    'team.resendInvitation': async ({ connectionId, accountId, invitationId }) =>
      (await on(connectionId, manageUsers)).resendInvitation(accountId, invitationId),
    'team.cancelInvitation': async ({ connectionId, accountId, invitationId }) =>
      (await on(connectionId, manageUsers)).cancelInvitation(accountId, invitationId),
    'team.updateUser': async ({ connectionId, accountId, userId, changes }) =>
      (await on(connectionId, manageUsers)).updateAccountUser(accountId, userId, changes),
    'team.revokeUser': async ({ connectionId, accountId, userId }) => {
      await (await on(connectionId, manageUsers)).revokeAccountUser(accountId, userId);
      return { revoked: true as const };
    },
    'team.leaveAccount': async ({ connectionId, accountId }) => {
      await (await on(connectionId, 'leave accounts')).leaveAccount(accountId);
      // The account is gone from this login at once; the next sync would say the same.
      await deps.cache.update(connectionId, (cached) => ({ ...cached, accounts: cached.accounts.filter((a) => a.id !== accountId) }));
      deps.events.changed(['accounts']);
      return { left: true as const };
    },
  };
}
