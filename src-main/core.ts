import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { VaultStatus } from '../src-shared/ipc/channels/vault.js';
import type { NavigateTarget } from '../src-shared/ipc/events.js';
import { AccessReviewer } from './access-review/access-reviewer.js';
import { AccountMarks } from './accounts/account-marks.js';
import { BulkRuns } from './bulk/bulk-runs.js';
import { ConnectionStore } from './connections/connection-store.js';
import { Connections } from './connections/connections.js';
import { parseDeepLink, resolveDeepLink } from './deep-links/deep-link.js';
import { createDemoProvider, type DemoProvider } from './demo/demo-provider.js';
import { EventHub } from './events.js';
import { createDispatcher, type Dispatch } from './ipc/dispatcher.js';
import type { FileSaver, PanelOpener } from './ipc/handler-deps.js';
import { createHandlers } from './ipc/handlers.js';
import { dataFileNotices } from './notifications/data-file-notices.js';
import { notificationsForSync, type DesktopNotification } from './notifications/notifier.js';
import { AccessRequestInbox } from './access-requests/request-inbox.js';
import { InvitationAnswers } from './queue/invitation-answers.js';
import { openQueueFile } from './queue/queue-file.js';
import { Replayer } from './queue/replayer.js';
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
  /**
   * What the user must be told about this start's own files (a damaged queue or connection list
   * moved aside, a stored connection dropped as unsafe). The shell shows them once its
   * notifications listen; web mode logs them.
   */
  startNotices(): DesktopNotification[];
  /** Adds the demo provider when the user has no connection at all (first start). */
  addDemoWhenEmpty(): Promise<void>;
  /** Syncs everything and replays the queue now, then periodically and whenever a provider comes back. */
  startAutoSync(intervalMs?: number): void;
  /**
   * Stops (or resumes) the background syncs started by `startAutoSync`; the user's own requests
   * still run. Kept in the settings, so a restart does not quietly resume what the user paused.
   */
  pauseSync(paused: boolean): void;
  /** Whether background syncs are paused (as the user left them, also in an earlier run). */
  syncPaused(): boolean;
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
  const otherMovedAside: Array<{ file: 'settings' | 'account-marks'; aside: string }> = [];
  const settings = new SettingsStore(dataDir, logger.child({ module: 'settings' }), (aside) => otherMovedAside.push({ file: 'settings', aside }));
  const marks = new AccountMarks(dataDir, logger.child({ module: 'marks' }), (aside) => otherMovedAside.push({ file: 'account-marks', aside }));
  const { queue, movedAside: queueMovedAside } = openQueueFile(path.join(dataDir, 'queue.sqlite'), clock, logger.child({ module: 'queue' }));
  queue.prune();
  const notices = dataFileNotices({ queueMovedAside, connectionsMovedAside: store.movedAside, droppedConnections: store.dropped, otherMovedAside });
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
      accessRequests.forget(id);
      await cache.remove(id);
    },
    onChange: () => events.emit('data.changed', { lists: ['connections'] }),
  });

  const accessRequests: AccessRequestInbox = new AccessRequestInbox({ connections, events, logger: logger.child({ module: 'access-requests' }) });

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
      void accessRequests.synced(connectionId);
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

  // One replayer sends every queued write, answers and owner writes alike, in the order they were made.
  const replayer = new Replayer({
    store: queue,
    connections,
    logger: logger.child({ module: 'queue' }),
    onChange: () => events.changed(['queue', 'invitations', 'bulk']),
    onSettled: (action, outcome, connection) => (action.kind === 'invitation.answer' ? answers.settled(action, outcome, connection) : bulk.settled(action)),
    onHeldBack: (connectionId, verdict) => sync.markFailure(connectionId, verdict.code, verdict.message),
  });
  const bulk = new BulkRuns({ store: queue, connections, cache, events, followUp: { writesQueued: (ids, o) => reconciler.writesQueued(ids, o) } });

  const reconciler = new Reconciler({ sync, replayer, queue, connections, logger: logger.child({ module: 'reconcile' }) });
  reconciler.pause(settings.get().syncPaused ?? false);

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
    bulk,
    vaultStatus,
    panelOpener: options.panelOpener ?? null,
    fileSaver: options.fileSaver ?? null,
    accessReview,
    clock,
    reconciler,
    accessRequests,
  });
  const dispatch = createDispatcher(handlers, logger.child({ module: 'ipc' }), { memoizeOutputs: ['accounts.list', 'accessReview.get'] });

  return {
    dispatch,
    events,
    connections,
    sync,
    answers,
    cache,

    startNotices: () => [...notices],

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
      settings.update({ syncPaused: paused });
      events.changed(['settings']);
    },

    syncPaused: () => settings.get().syncPaused ?? false,

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
