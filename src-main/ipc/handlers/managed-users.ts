import type { managedUsersChannels } from '../../../src-shared/ipc/channels/managed-users.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createManagedUsersHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof managedUsersChannels> {
  const managedUsers = (connectionId: string, what: string) => capablePart(connections, connectionId, 'managedUsers', what);
  return {
    'managedUsers.create': async ({ connectionId, accountId, request }) =>
      (await managedUsers(connectionId, 'create users directly')).create(accountId, request),
    'managedUsers.sendActivation': async ({ connectionId, accountId, userId }) =>
      (await managedUsers(connectionId, 'send activation mails')).sendActivation(accountId, userId),
  };
}
