import type { accessPolicyChannels } from '../../../src-shared/ipc/channels/access-policy.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

/** When access ends and who may be invited, on a connection whose connector has the access-policy part. */
export function createAccessPolicyHandlers(deps: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof accessPolicyChannels> {
  const policy = (connectionId: string, what: string) => capablePart(deps.connections, connectionId, 'accessPolicy', what);
  return {
    'accessPolicy.setInvitationAccessEnd': async ({ connectionId, accountId, invitationId, accessExpiresAt }) =>
      (await policy(connectionId, 'set when access ends')).setInvitationAccessEnd(accountId, invitationId, accessExpiresAt),
    'accessPolicy.invitationDomains': async ({ connectionId, accountId }) =>
      (await policy(connectionId, 'restrict invitations to email domains')).invitationDomains(accountId),
    'accessPolicy.setInvitationDomains': async ({ connectionId, accountId, domains }) =>
      (await policy(connectionId, 'restrict invitations to email domains')).setInvitationDomains(accountId, domains),
  };
}
