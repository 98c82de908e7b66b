import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { VaultStatus } from '../src-shared/ipc/channels/vault.js';
import type { NavigateTarget } from '../src-shared/ipc/events.js';
import { AccessReviewer } from './access-review/access-reviewer.js';
import { AccountMarks } from './accounts/account-marks.js';
import { ConnectionStore } from './connections/connection-store.js';
import { Connections } from './connections/connections.js';
import { parseDeepLink, resolveDeepLink } from './deep-links/deep-link.js';
import { createDemoProvider, type DemoProvider } from './demo/demo-provider.js';
import { EventHub } from './events.js';
import { createDispatcher, type Dispatch } from './ipc/dispatcher.js';
import type { FileSaver, PanelOpener } from './ipc/handler-deps.js';
import { createHandlers } from './ipc/handlers.js';
import { notificationsForSync } from './notifications/notifier.js';
import { InvitationAnswers } from './queue/invitation-answers.js';
import { QueueStore } from './queue/queue-store.js';
import { Reconciler } from './reconcile/reconciler.js';
import { SettingsStore } from './settings/settings-store.js';
import { AccountCache } from './sync/account-cache.js';
import { ReachabilityProbe, type OnlineWatcher } from './sync/online-watcher.js';
import { SyncEngine } from './sync/sync-engine.js';
import type { Vault } from './vault/vault.js';

export interface CoreOptions {
  dataDir: string;
  vault: Vault;
  logger: Logger;
  /** How panel links are opened; null in web mode, where the renderer opens them. */
  panelOpener?: PanelOpener | null;
  /** How exported files are saved; null in web mode, where the page downloads them. */
  fileSaver?: FileSaver | null;
  demo?: DemoProvider;
  /** What the shell chose as the secret store; by default the vault describes itself. */
  vaultStatus?: VaultStatus;
  /** Extra ways to learn the network came back (the shell's Electron events); a reachability probe always runs. */
  onlineWatchers?: OnlineWatcher[];
  /** How often providers believed offline are probed. */
  probeIntervalMs?: number;
  requestTimeoutMs?: number;
  syncTimeoutMs?: number;
  syncRetries?: number;
  syncBackoffMs?: number;
  syncConcurrency?: number;
  /** Accounts the access review asks at once. */
  reviewConcurrency?: number;
  syncPageSize?: number;
  fullSyncEveryMs?: number;
  /** How long an answer waits for its outcome before returning as queued. */
  answerWaitMs?: number;
  clock?: () => Date;
}

export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  connections: Connections;
  sync: SyncEngine;
  answers: InvitationAnswers;
  cache: AccountCache;
  /** Adds the demo provider when the user has no connection at all (first start). */
  addDemoWhenEmpty(): Promise<void>;
  /** Syncs everything and replays the queue now, then periodically and whenever a provider comes back. */
  startAutoSync(intervalMs?: number): void;
  /** Stops (or resumes) the background syncs started by `startAutoSync`; the user's own requests still run. */
  pauseSync(paused: boolean): void;
  /** Shows what a `clientdeck://` link points at (a `navigate` event); false when it is not a Clientdeck link. */
  openDeepLink(url: string): NavigateTarget | null;
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
  const clock = options.clock ?? (() => new Date());
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const events = new EventHub();
  const cache = new AccountCache(dataDir, logger.child({ module: 'cache' }));
  const store = new ConnectionStore(dataDir, logger.child({ module: 'connections' }));
  const settings = new SettingsStore(dataDir, logger.child({ module: 'settings' }));
  const marks = new AccountMarks(dataDir, logger.child({ module: 'marks' }));
  const queue = new QueueStore(path.join(dataDir, 'queue.sqlite'), clock);
  queue.prune();
  const demo = options.demo ?? createDemoProvider(dataDir, logger.child({ module: 'demo' }));

  const connections: Connections = new Connections({
    store,
    vault,
    demo,
    logger: logger.child({ module: 'connections' }),
    requestTimeoutMs: options.requestTimeoutMs,
    forgetCachedData: async (id) => {
      answers.forgetConnection(id);
      marks.forgetConnection(id);
      await cache.remove(id);
    },
    onChange: () => events.emit('data.changed', { lists: ['connections'] }),
  });

  const sync: SyncEngine = new SyncEngine({
    connections,
    cache,
    events,
    logger: logger.child({ module: 'sync' }),
    timeoutMs: options.syncTimeoutMs,
    retries: options.syncRetries,
    backoffMs: options.syncBackoffMs,
    concurrency: options.syncConcurrency,
    pageSize: options.syncPageSize,
    fullEveryMs: options.fullSyncEveryMs,
    clock,
    afterSync: (connectionId, before, after) => {
      const connection = connections.list().find((c) => c.id === connectionId);
      if (connection) for (const n of notificationsForSync(connection, before, after.invitations)) events.emit('notification', n);
      reconciler.synced(connectionId);
    },
  });

  const answers: InvitationAnswers = new InvitationAnswers({
    store: queue,
    connections,
    cache,
    sync,
    events,
    logger: logger.child({ module: 'queue' }),
    answerWaitMs: options.answerWaitMs,
    followUp: { answerQueued: (id) => reconciler.answerQueued(id), refresh: (id) => reconciler.refresh(id) },
  });

  const reconciler = new Reconciler({ sync, replayer: answers.replayer, queue, connections, logger: logger.child({ module: 'reconcile' }) });

  const accessReview = new AccessReviewer({ connections, cache, events, clock, concurrency: options.reviewConcurrency });

  const vaultStatus = async (): Promise<VaultStatus> => options.vaultStatus ?? (await vault.describe?.()) ?? { backend: 'keychain', message: null };

  const handlers = createHandlers({
    connections,
    sync,
    cache,
    events,
    marks,
    settings,
    answers,
    vaultStatus,
    panelOpener: options.panelOpener ?? null,
    fileSaver: options.fileSaver ?? null,
    accessReview,
    clock,
    reconciler,
  });
  const dispatch = createDispatcher(handlers, logger.child({ module: 'ipc' }), { memoizeOutputs: ['accounts.list', 'accessReview.get'] });

  return {
    dispatch,
    events,
    connections,
    sync,
    answers,
    cache,

    async addDemoWhenEmpty() {
      if (connections.list().length > 0) return;
      const reply = await dispatch('connections.addDemo', {});
      if (!reply.ok) logger.warn({ code: reply.error.code }, 'could not add the demo provider');
    },

    startAutoSync(intervalMs = 5 * 60_000) {
      const probe = new ReachabilityProbe(
        {
          offline: () =>
            sync
              .statuses()
              .filter((s) => s.state === 'offline')
              .map((s) => s.connectionId),
          probe: async (id) => (await connections.connectorFor(id)).connector.probe(),
        },
        options.probeIntervalMs ?? 15_000,
      );
      reconciler.start(intervalMs, [probe, ...(options.onlineWatchers ?? [])]);
    },

    pauseSync(paused) {
      reconciler.pause(paused);
    },

    openDeepLink(url) {
      const link = parseDeepLink(url);
      if (!link) {
        logger.warn({ length: typeof url === 'string' ? url.length : 0 }, 'ignored a link that is not a Clientdeck link');
        return null;
      }
      const knows = (connectionId: string, itemId: string) => {
        const cached = cache.read(connectionId);
        return cached.invitations.some((i) => i.id === itemId) || cached.accounts.some((a) => a.id === itemId);
      };
      const target = resolveDeepLink(link, connections.list(), knows);
      events.emit('navigate', target);
      return target;
    },

    async idle() {
      await reconciler.idle();
      await cache.flushed();
    },

    async close() {
      await reconciler.close();
      await cache.flushed();
      queue.close();
      await demo.stop();
    },
  };
}
