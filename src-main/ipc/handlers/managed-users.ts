import type { managedUsersChannels } from '../../../src-shared/ipc/channels/managed-users.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capableConnector } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createManagedUsersHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof managedUsersChannels> {
  const on = (connectionId: string, what: string) => capableConnector(connections, connectionId, 'managed_users', what);
  return {
    'managedUsers.create': async ({ connectionId, accountId, request }) =>
      (await on(connectionId, 'create users directly')).createManagedUsers(accountId, request),
    'managedUsers.sendActivation': async ({ connectionId, accountId, userId }) =>
      (await on(connectionId, 'send activation mails')).sendActivation(accountId, userId),
  };
}
