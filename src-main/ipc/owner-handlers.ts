import type { Capability, Connection } from '../../src-shared/ipc/contract.js';
import type { teamChannels } from '../../src-shared/ipc/team-channels.js';
import type { Connections } from '../connections/connections.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError, isClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { AccountCache } from '../sync/account-cache.js';
import type { IpcHandlers } from './dispatcher.js';

type OwnerChannel = keyof typeof teamChannels;

export interface OwnerHandlerDeps {
  connections: Connections;
  cache: AccountCache;
  events: EventHub;
  /** Waits for a sync under way, so it cannot write over a local change. */
  whenIdle(connectionId: string): Promise<void>;
}

/** Refuses a request the connection's connector cannot serve, before anything is sent. */
export function requireCapability(connection: Connection, capability: Capability, what: string): void {
  if (!connection.capabilities.includes(capability)) {
    throw new ClientdeckError('not_supported', `${connection.label} does not let Clientdeck ${what}.`);
  }
}

/**
 * What an owner (or an admin with `users.manage`) does to an account they run: each channel
 * checks the connector's capability, then calls the provider. The provider decides who may do
 * what; its refusals come back as forbidden / conflict / not_found with its own sentence.
 */
export function createOwnerHandlers(deps: OwnerHandlerDeps): Pick<IpcHandlers, OwnerChannel> {
  const { connections } = deps;

  async function on(connectionId: string, capability: Capability, what: string): Promise<Connector> {
    requireCapability(connections.get(connectionId), capability, what);
    return (await connections.connectorFor(connectionId)).connector;
  }

  const USERS = 'users.manage' as const;
  const manageUsers = 'manage who has access to accounts';

  /** A grant without services.view (or domains.view) simply has none of those to choose from. */
  async function unlessForbidden<T>(list: Promise<T[]>): Promise<T[]> {
    try {
      return await list;
    } catch (err) {
      if (isClientdeckError(err) && err.code === 'forbidden') return [];
      throw err;
    }
  }

  return {
    'account.products': async ({ connectionId, accountId }) => {
      const connector = await on(connectionId, 'products', 'list the services and domains of accounts');
      const [services, domains] = await Promise.all([unlessForbidden(connector.listServices(accountId)), unlessForbidden(connector.listDomains(accountId))]);
      return { services, domains };
    },
    'team.get': async ({ connectionId, accountId }) => {
      const connector = await on(connectionId, USERS, manageUsers);
      const [users, invitations] = await Promise.all([connector.listAccountUsers(accountId), connector.listOutgoingInvitations(accountId)]);
      return { users, invitations };
    },
    'team.invite': async ({ connectionId, accountId, invitation }) => (await on(connectionId, USERS, manageUsers)).invite(accountId, invitation),
    'team.resendInvitation': async ({ connectionId, accountId, invitationId }) =>
      (await on(connectionId, USERS, manageUsers)).resendInvitation(accountId, invitationId),
    'team.cancelInvitation': async ({ connectionId, accountId, invitationId }) =>
      (await on(connectionId, USERS, manageUsers)).cancelInvitation(accountId, invitationId),
    'team.updateUser': async ({ connectionId, accountId, userId, changes }) =>
      (await on(connectionId, USERS, manageUsers)).updateAccountUser(accountId, userId, changes),
    'team.revokeUser': async ({ connectionId, accountId, userId }) => {
      await (await on(connectionId, USERS, manageUsers)).revokeAccountUser(accountId, userId);
      return { revoked: true as const };
    },
    'team.leaveAccount': async ({ connectionId, accountId }) => {
      await (await on(connectionId, USERS, 'leave accounts')).leaveAccount(accountId);
      // The account is gone from this login at once; the next sync would say the same.
      await deps.whenIdle(connectionId);
      const cached = deps.cache.read(connectionId);
      await deps.cache.write(connectionId, { ...cached, accounts: cached.accounts.filter((a) => a.id !== accountId) });
      deps.events.changed(['accounts']);
      return { left: true as const };
    },
    'managedUsers.create': async ({ connectionId, accountId, request }) =>
      (await on(connectionId, 'managed_users', 'create users directly')).createManagedUsers(accountId, request),
    'managedUsers.sendActivation': async ({ connectionId, accountId, userId }) =>
      (await on(connectionId, 'managed_users', 'send activation mails')).sendActivation(accountId, userId),
    'contacts.list': async ({ connectionId, accountId }) => (await on(connectionId, 'contacts', 'manage contacts')).listContacts(accountId),
    'contacts.create': async ({ connectionId, accountId, contact }) =>
      (await on(connectionId, 'contacts', 'manage contacts')).createContact(accountId, contact),
    'contacts.update': async ({ connectionId, accountId, contactId, changes }) =>
      (await on(connectionId, 'contacts', 'manage contacts')).updateContact(accountId, contactId, changes),
    'contacts.delete': async ({ connectionId, accountId, contactId }) => {
      await (await on(connectionId, 'contacts', 'manage contacts')).deleteContact(accountId, contactId);
      return { deleted: true as const };
    },
    'contacts.promote': async ({ connectionId, accountId, contactId, grant }) =>
      (await on(connectionId, 'contacts', 'turn contacts into users')).promoteContact(accountId, contactId, grant),
    'audit.list': async ({ connectionId, accountId, cursor }) => (await on(connectionId, 'audit', 'show the audit trail')).listAudit(accountId, cursor),
  };
}
