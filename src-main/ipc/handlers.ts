import type { AccountRow, Connection, VaultStatus } from '../../src-shared/ipc/contract.js';
import type { AccountMarks } from '../accounts/account-marks.js';
import type { Connections } from '../connections/connections.js';
import { ClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { InvitationAnswers } from '../queue/invitation-answers.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { AccountCache } from '../sync/account-cache.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import type { IpcHandlers } from './dispatcher.js';
import { createOwnerHandlers, requireCapability } from './owner-handlers.js';

/** Opens a minted SSO link where the user asked; returns false when it cannot (web mode). */
export interface PanelOpener {
  /** Brings an account's panel window to the front when one is open already; false when none is. */
  focus?(connectionId: string, accountId: string): boolean;
  open(request: { url: string; target: 'window' | 'browser'; connection: Connection; account: { id: string; name: string } }): Promise<boolean>;
}

export interface HandlerDeps {
  connections: Connections;
  sync: SyncEngine;
  cache: AccountCache;
  events: EventHub;
  marks: AccountMarks;
  settings: SettingsStore;
  answers: InvitationAnswers;
  vaultStatus(): Promise<VaultStatus>;
  panelOpener: PanelOpener | null;
  clock: () => Date;
  /** Starts a sync (and a replay of the connection's queue) without waiting for it. */
  syncInBackground(connectionId: string): void;
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  const { connections, sync, cache, events, marks, answers } = deps;

  /**
   * Every account of every connection as a row. The array is rebuilt only when a connection, its
   * cached accounts or a mark changed; otherwise the very same array is returned, which lets the
   * dispatcher reuse its checked output (50,000 rows are not checked again for nothing).
   */
  let rowsMemo: { key: unknown[]; rows: AccountRow[] } | null = null;
  function accountRows(): AccountRow[] {
    const list = connections.list();
    const key = [marks.version, ...list.flatMap((c) => [c.id, c.label, cache.read(c.id).accounts])];
    if (rowsMemo && rowsMemo.key.length === key.length && rowsMemo.key.every((k, i) => k === key[i])) return rowsMemo.rows;
    const rows = list.flatMap((c) => {
      const markOf = marks.forConnection(c.id);
      // The provider's domain names become the row's searchable `domains`, carried once.
      return cache
        .read(c.id)
        .accounts.map(({ domainNames, ...a }) => ({ ...a, connectionId: c.id, providerLabel: c.label, ...markOf(a.id), domains: domainNames ?? [] }));
    });
    rowsMemo = { key, rows };
    return rows;
  }

  function requireAccount(connectionId: string, accountId: string): { id: string; name: string } {
    connections.get(connectionId);
    const account = cache.read(connectionId).accounts.find((a) => a.id === accountId);
    if (!account) throw new ClientdeckError('not_found', 'This account is not among the accounts of this connection. Sync and try again.');
    return account;
  }

  return {
    ...createOwnerHandlers({ connections, cache, events, whenIdle: (id) => sync.whenIdle(id) }),

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

    'connections.rename': async ({ connectionId, label }) => {
      const connection = connections.rename(connectionId, label);
      // Rows carry the provider label.
      events.changed(['accounts', 'invitations']);
      return connection;
    },

    'connections.reauthenticate': async ({ connectionId, password }) => {
      const connection = await connections.reauthenticate(connectionId, password);
      deps.syncInBackground(connectionId);
      return connection;
    },

    'connections.remove': async ({ connectionId }) => {
      await connections.remove(connectionId);
      sync.forget(connectionId);
      events.emit('data.changed', { lists: ['connections', 'accounts', 'invitations', 'queue'] });
      return { removed: true as const };
    },

    'sync.status': async () => sync.statuses(),

    // The user asked: the whole list is validated, so access removed meanwhile shows now.
    'sync.now': async ({ connectionId }) => {
      if (connectionId === undefined) {
        const statuses = await sync.syncAll({ validate: true });
        void answers.replayer.replayAll();
        return statuses;
      }
      connections.get(connectionId);
      await sync.syncOne(connectionId, { validate: true });
      void answers.replayer.replay(connectionId);
      return sync.statuses();
    },

    'accounts.list': async () => accountRows(),

    'accounts.setFavourite': async ({ connectionId, accountId, favourite }) => {
      requireAccount(connectionId, accountId);
      marks.setFavourite(connectionId, accountId, favourite);
      return { favourite };
    },

    'invitations.list': async () => answers.rows(),

    'invitations.answer': async ({ connectionId, invitationId, answer }) => answers.answer(connectionId, invitationId, answer),

    'queue.list': async () => answers.list(),

    'queue.dismiss': async ({ actionId }) => {
      answers.dismiss(actionId);
      return { dismissed: true as const };
    },

    'settings.get': async () => deps.settings.get(),

    'settings.update': async (change) => {
      const settings = deps.settings.update(change);
      events.changed(['settings']);
      return settings;
    },

    'vault.status': async () => deps.vaultStatus(),

    'panel.open': async ({ connectionId, accountId, target }) => {
      const connection = connections.get(connectionId);
      requireCapability(connection, 'sso', 'open customer panels');
      const account = requireAccount(connectionId, accountId);
      // An open panel is brought forward as it is: no new link, no lost place in the panel.
      if (target === 'window' && deps.panelOpener?.focus?.(connectionId, accountId)) {
        marks.recordOpened(connectionId, accountId, deps.clock());
        return { url: '', expiresAt: deps.clock().toISOString(), handled: true };
      }
      const { connector } = await connections.connectorFor(connectionId);
      const link = await connector.createSsoLink(accountId);
      marks.recordOpened(connectionId, accountId, deps.clock());
      const handled = deps.panelOpener
        ? await deps.panelOpener.open({ url: link.url, target, connection, account: { id: account.id, name: account.name } })
        : false;
      return { url: link.url, expiresAt: link.expiresAt, handled };
    },
  };
}
