import type { contactsChannels } from '../../../src-shared/ipc/channels/contacts.js';
import type { IpcHandlers } from '../dispatcher.js';
import { capableConnector } from '../guards.js';
import type { OwnerHandlerDeps } from '../handler-deps.js';

export function createContactsHandlers({ connections }: OwnerHandlerDeps): Pick<IpcHandlers, keyof typeof contactsChannels> {
  const on = (connectionId: string, what = 'manage contacts') => capableConnector(connections, connectionId, 'contacts', what);
  return {
    'contacts.list': async ({ connectionId, accountId }) => (await on(connectionId)).listContacts(accountId),
    'contacts.create': async ({ connectionId, accountId, contact }) => (await on(connectionId)).createContact(accountId, contact),
    'contacts.update': async ({ connectionId, accountId, contactId, changes }) => (await on(connectionId)).updateContact(accountId, contactId, changes),
    'contacts.delete': async ({ connectionId, accountId, contactId }) => {
      await (await on(connectionId)).deleteContact(accountId, contactId);
      return { deleted: true as const };
    },
    'contacts.promote': async ({ connectionId, accountId, contactId, grant }) =>
      (await on(connectionId, 'turn contacts into users')).promoteContact(accountId, contactId, grant),
  };
}
