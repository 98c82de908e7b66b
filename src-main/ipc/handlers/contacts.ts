import type { contactsChannels } from '../../../src-shared/ipc/channels/contacts.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capablePart } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createContactsHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof contactsChannels> {
  const contacts = (connectionId: string, what = 'manage contacts') => capablePart(connections, connectionId, 'contacts', what);
  return {
    'contacts.list': async ({ connectionId, accountId }) => (await contacts(connectionId)).list(accountId),
    'contacts.create': async ({ connectionId, accountId, contact }) => (await contacts(connectionId)).create(accountId, contact),
    'contacts.update': async ({ connectionId, accountId, contactId, changes }) => (await contacts(connectionId)).update(accountId, contactId, changes),
    'contacts.delete': async ({ connectionId, accountId, contactId }) => {
      await (await contacts(connectionId)).delete(accountId, contactId);
      return { deleted: true as const };
    },
    'contacts.promote': async ({ connectionId, accountId, contactId, grant }) =>
      (await contacts(connectionId, 'turn contacts into users')).promote(accountId, contactId, grant),
  };
}
