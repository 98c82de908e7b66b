import fs from 'node:fs';
import type { Logger } from 'pino';
import { ConnectionStore } from './connections/connection-store.js';
import { Connections } from './connections/connections.js';
import { createDemoProvider, type DemoProvider } from './demo/demo-provider.js';
import { EventHub } from './events.js';
import { createDispatcher, type Dispatch } from './ipc/dispatcher.js';
import { createHandlers, type PanelOpener } from './ipc/handlers.js';
import { AccountCache } from './sync/account-cache.js';
import { SyncEngine } from './sync/sync-engine.js';
import type { Vault } from './vault/vault.js';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  logger: Logger;
  /** How panel links are opened; null in web mode, where the renderer opens them. */
  panelOpener?: PanelOpener | null;
  demo?: DemoProvider;
  requestTimeoutMs?: number;
  syncTimeoutMs?: number;
  syncRetries?: number;
  syncBackoffMs?: number;
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  connections: Connections;
  sync: SyncEngine;
  /** Adds the demo provider when the user has no connection at all (first start). */
  addDemoWhenEmpty(): Promise<void>;
  /** Syncs everything now and then every `intervalMs`, in the background. */
  startAutoSync(intervalMs?: number): void;
  /** Resolves once the background work started so far (syncs after an add...) has settled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root of the main process: everything the Electron shell and web mode share,
 * built for one data dir, vault and logger.
 */
export function createCore(options: CoreOptions): Core {
  const { dataDir, vault, logger } = options;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const events = new EventHub();
  const cache = new AccountCache(dataDir, logger.child({ module: 'cache' }));
  const store = new ConnectionStore(dataDir, logger.child({ module: 'connections' }));
  const demo = options.demo ?? createDemoProvider(dataDir, logger.child({ module: 'demo' }));
  const connections = new Connections({
    store,
    vault,
    demo,
    logger: logger.child({ module: 'connections' }),
    requestTimeoutMs: options.requestTimeoutMs,
    forgetCachedData: (id) => cache.remove(id),
    onChange: () => events.emit('data.changed', { lists: ['connections'] }),
  });
  const sync = new SyncEngine({
    connections,
    cache,
    events,
    logger: logger.child({ module: 'sync' }),
    timeoutMs: options.syncTimeoutMs,
    retries: options.syncRetries,
    backoffMs: options.syncBackoffMs,
  });

  const background = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function track(task: Promise<unknown>): void {
    const settled = task.catch((error) => logger.error({ err: error }, 'background task failed'));
    background.add(settled);
    void settled.finally(() => background.delete(settled));
  }

  const handlers = createHandlers({
    connections,
    sync,
    cache,
    events,
    panelOpener: options.panelOpener ?? null,
    syncInBackground: (id) => {
      if (!closed) track(sync.syncOne(id));
    },
  });
  const dispatch = createDispatcher(handlers, logger.child({ module: 'ipc' }));

  return {
    dispatch,
    events,
    connections,
    sync,

    async addDemoWhenEmpty() {
      if (connections.list().length > 0) return;
      const reply = await dispatch('connections.addDemo', {});
      if (!reply.ok) logger.warn({ code: reply.error.code }, 'could not add the demo provider');
    },

    startAutoSync(intervalMs = 5 * 60_000) {
      if (timer || closed) return;
      track(sync.syncAll());
      timer = setInterval(() => track(sync.syncAll()), intervalMs);
      timer.unref();
    },

    async idle() {
      while (background.size > 0) await Promise.all(background);
    },

    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all(background);
      await demo.stop();
    },
  };
}
