import { create } from 'zustand';
import type { AddConnectionInput, Connection } from '../../src-shared/ipc/channels/connections.js';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.js';
import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';

interface ConnectionsState extends Loadable {
  connections: Connection[];
  syncStatuses: Record<string, SyncStatus>;
  /** A "Sync now" request is on its way (the per-connection state comes from main's events). */
  syncRequested: boolean;
  syncError: string | null;
  addingDemo: boolean;
  /** Where sign-ins are kept; a sentence when it is not the OS keychain. */
  vault: VaultStatus | null;
  load(): Promise<void>;
  loadVault(): Promise<void>;
  loadSyncStatus(): Promise<void>;
  applySyncStatuses(statuses: readonly SyncStatus[]): void;
  /** Throws the IpcCallError of main, for the form to show. */
  add(input: AddConnectionInput): Promise<Connection>;
  addDemo(): Promise<Connection>;
  remove(connectionId: string): Promise<void>;
  rename(connectionId: string, label: string): Promise<Connection>;
  /** Signs in again after the provider refused the stored credentials; the password is not kept. */
  reauthenticate(connectionId: string, password: string, code?: string): Promise<Connection>;
  syncNow(connectionId?: string): Promise<void>;
}

const nextLoad = latestOnly();

export const useConnections = create<ConnectionsState>()((set, get) => ({
  ...notLoaded,
  connections: [],
  syncStatuses: {},
  syncRequested: false,
  syncError: null,
  addingDemo: false,
  vault: null,

  async load() {
    await runLoad(
      { set, get },
      {
        current: nextLoad(),
        begin: firstLoad(get().status),
        fetch: () => invoke('connections.list', {}),
        ready: (connections) => ({ connections }),
      },
    );
  },

  async loadVault() {
    try {
      set({ vault: await invoke('vault.status', {}) });
    } catch {
      // An older main without the channel: nothing to say about the keychain.
    }
  },

  async loadSyncStatus() {
    try {
      get().applySyncStatuses(await invoke('sync.status', {}));
    } catch {
      // The status bar shows "not synced yet" until main's next sync.changed event.
    }
  },

  applySyncStatuses(statuses) {
    const next = { ...get().syncStatuses };
    for (const s of statuses) next[s.connectionId] = s;
    set({ syncStatuses: next });
  },

  async add(input) {
    const connection = await invoke('connections.add', input);
    upsert(set, get, connection);
    return connection;
  },

  async addDemo() {
    set({ addingDemo: true });
    try {
      const connection = await invoke('connections.addDemo', {});
      upsert(set, get, connection);
      return connection;
    } finally {
      set({ addingDemo: false });
    }
  },

  async remove(connectionId) {
    await invoke('connections.remove', { connectionId });
    const syncStatuses = { ...get().syncStatuses };
    delete syncStatuses[connectionId];
    set({ connections: get().connections.filter((c) => c.id !== connectionId), syncStatuses });
  },

  async rename(connectionId, label) {
    const connection = await invoke('connections.rename', { connectionId, label });
    upsert(set, get, connection);
    return connection;
  },

  async reauthenticate(connectionId, password, code) {
    const connection = await invoke('connections.reauthenticate', { connectionId, password, ...(code ? { code } : {}) });
    upsert(set, get, connection);
    void get().syncNow(connectionId);
    return connection;
  },

  async syncNow(connectionId) {
    set({ syncRequested: true, syncError: null });
    try {
      get().applySyncStatuses(await invoke('sync.now', connectionId ? { connectionId } : {}));
    } catch (err) {
      set({ syncError: errorSentence(err) });
    } finally {
      set({ syncRequested: false });
    }
  },
}));

function upsert(set: (partial: Partial<ConnectionsState>) => void, get: () => ConnectionsState, connection: Connection): void {
  const list = get().connections;
  const connections = list.some((c) => c.id === connection.id) ? list.map((c) => (c.id === connection.id ? connection : c)) : [...list, connection];
  set({ connections, status: 'ready', error: null });
}
