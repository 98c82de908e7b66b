import { randomUUID } from 'node:crypto';
import type { Capability, Connection, InvitationRow } from '../../src-shared/ipc/contract.js';
import type { Connections } from '../connections/connections.js';
import { ClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { AccountCache } from '../sync/account-cache.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { IpcHandlers } from './dispatcher.js';

/** Opens a minted SSO link where the user asked; returns false when it cannot (web mode). */
export interface PanelOpener {
  open(request: {
    url: string;
    target: 'window' | 'browser';
    connection: Connection;
    account: { id: string; name: string };
  }): Promise<boolean>;
}

export interface HandlerDeps {
  connections: Connections;
  sync: SyncEngine;
  cache: AccountCache;
  events: EventHub;
  panelOpener: PanelOpener | null;
  /** Starts a sync without waiting for it (after a connection was added). */
  syncInBackground(connectionId: string): void;
}

function requireCapability(connection: Connection, capability: Capability, what: string): void {
  if (!connection.capabilities.includes(capability)) {
    throw new ClientdeckError('provider_error', `${connection.label} does not let Clientdeck ${what}.`);
  }
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const { connections, sync, cache, events } = deps;

  return {
    'connections.list': async () => connections.list(),

    'connections.add': async (input) => {
      const connection = await connections.add(input);
      deps.syncInBackground(connection.id);
      return connection;
    },

    'connections.addDemo': async () => {
      const connection = await connections.addDemo();
      deps.syncInBackground(connection.id);
      return connection;
    },

    'connections.remove': async ({ connectionId }) => {
      await connections.remove(connectionId);
      sync.forget(connectionId);
      events.emit('data.changed', { lists: ['connections', 'accounts', 'invitations'] });
      return { removed: true as const };
    },

    'sync.status': async () => sync.statuses(),

    'sync.now': async ({ connectionId }) => {
      if (connectionId === undefined) return sync.syncAll();
      connections.get(connectionId);
      await sync.syncOne(connectionId);
      return sync.statuses();
    },

    'accounts.list': async () =>
      connections.list().flatMap((c) => cache.read(c.id).accounts.map((a) => ({ ...a, connectionId: c.id, providerLabel: c.label }))),

    'invitations.list': async () =>
      connections.list().flatMap((c) => cache.read(c.id).invitations.map((i) => ({ ...i, connectionId: c.id, providerLabel: c.label }))),

    'invitations.answer': async ({ connectionId, invitationId, answer }) => {
      const { connection, connector } = await connections.connectorFor(connectionId);
      requireCapability(connection, 'invitations.answer', 'answer invitations');
      const outcome = await connector.answerInvitation(invitationId, answer, randomUUID());
      // Reflect the answer at once; the next sync confirms it from the provider.
      const cached = cache.read(connectionId);
      const invitations = cached.invitations.some((i) => i.id === outcome.invitation.id)
        ? cached.invitations.map((i) => (i.id === outcome.invitation.id ? outcome.invitation : i))
        : [...cached.invitations, outcome.invitation];
      const account = outcome.account;
      const accounts = account ? [...cached.accounts.filter((a) => a.id !== account.id), account] : cached.accounts;
      cache.write(connectionId, { ...cached, accounts, invitations });
      events.emit('data.changed', { lists: ['accounts', 'invitations'] });
      const row: InvitationRow = { ...outcome.invitation, connectionId, providerLabel: connection.label };
      return row;
    },

    'panel.open': async ({ connectionId, accountId, target }) => {
      const { connection, connector } = await connections.connectorFor(connectionId);
      requireCapability(connection, 'sso', 'open customer panels');
      const link = await connector.createSsoLink(accountId);
      const name = cache.read(connectionId).accounts.find((a) => a.id === accountId)?.name ?? accountId;
      const handled = deps.panelOpener ? await deps.panelOpener.open({ url: link.url, target, connection, account: { id: accountId, name } }) : false;
      return { url: link.url, expiresAt: link.expiresAt, handled };
    },
  };
}
