import type { teamChannels } from '../../../src-shared/ipc/channels/team.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

/**
 * Who has access to an account the caller runs. The provider decides who may do what; its
 * refusals come back as forbidden / conflict / not_found with its own sentence.
 */
export function createTeamHandlers(deps: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof teamChannels> {
  const manageUsers = 'manage who has access to accounts';
  const team = (connectionId: string, what = manageUsers) => capablePart(deps.connections, connectionId, 'team', what);
  // A provider without the access-policy part would drop an end silently: refuse instead of granting for ever.
  const endsAllowed = async (connectionId: string, expiresAt: string | null | undefined) => {
    if (expiresAt !== undefined && expiresAt !== null) await capablePart(deps.connections, connectionId, 'accessPolicy', 'set when access ends');
  };

  return {
    'team.get': async ({ connectionId, accountId }) => {
      const part = await team(connectionId);
      const [users, invitations] = await Promise.all([part.listUsers(accountId), part.listInvitations(accountId)]);
      return { users, invitations };
    },
    'team.invite': async ({ connectionId, accountId, invitation }) => {
      await endsAllowed(connectionId, invitation.expiresAt);
      return (await team(connectionId)).invite(accountId, invitation);
    },
    'team.resendInvitation': async ({ connectionId, accountId, invitationId }) => (await team(connectionId)).resendInvitation(accountId, invitationId),
    'team.cancelInvitation': async ({ connectionId, accountId, invitationId }) => (await team(connectionId)).cancelInvitation(accountId, invitationId),
    'team.updateUser': async ({ connectionId, accountId, userId, changes }) => {
      await endsAllowed(connectionId, changes.expiresAt);
      const user = await (await team(connectionId)).updateUser(accountId, userId, changes);
      deps.review?.userUpdated(connectionId, accountId, user);
      return user;
    },
    'team.revokeUser': async ({ connectionId, accountId, userId }) => {
      await (await team(connectionId)).revokeUser(accountId, userId);
      deps.review?.userRevoked(connectionId, accountId, userId);
      return { revoked: true as const };
    },
    'team.leaveAccount': async ({ connectionId, accountId }) => {
      await (await team(connectionId, 'leave accounts')).leave(accountId);
      // The account is gone from this login at once; the next sync would say the same.
      await deps.cache.update(connectionId, (cached) => ({ ...cached, accounts: cached.accounts.filter((a) => a.id !== accountId) }));
      deps.events.changed(['accounts']);
      return { left: true as const };
    },
  };
}
