import type { Logger } from 'pino';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.js';
import type { Replayer } from '../queue/replayer.js';
import type { OnlineWatcher } from '../sync/online-watcher.js';
import type { SyncEngine } from '../sync/sync-engine.js';

export interface ReconcilerOptions {
  sync: Pick<SyncEngine, 'syncOne' | 'syncAll' | 'statuses'>;
  replayer: Pick<Replayer, 'replay' | 'replayAll' | 'close'>;
  queue: { waiting(connectionId: string): readonly unknown[] };
  connections: { list(): Connection[] };
  logger: Logger;
}

/**
 * The one place that decides when the app talks to a provider in the background: when a sync
 * runs, and when the answers waiting in the offline queue go out. The order, per connection:
 *
 * - After a sync, whatever waits in the queue is sent: the provider just answered.
 * - After an answer is queued, it is sent at once (InvitationAnswers does not ask a provider
 *   known to be offline; the online watcher brings that one back here).
 * - After a bulk run queued its owner writes, each connection's queue is sent at once, except a
 *   provider known to be offline (its comeback sends them); a retry the user asked for tries
 *   every connection of the run, offline or not.
 * - A connection added or signed in again, or an answer the provider refused, is synced, then its
 *   queue sent: the sync brings the provider's view (a refused invitation's new state).
 * - "Sync now" syncs while the user waits, then sends the queue.
 * - A provider, or the whole network, came back: the queue is sent first (the user answered before
 *   anything the provider says now), then the connection is synced, which shows the outcomes.
 * - Periodically: everything is synced, then every queue sent.
 *
 * Every run is tracked, so `idle()` resolves only once all of them have settled and nothing runs
 * after `close()`. A background run asked for again while the same one runs for the same
 * connection goes round once more after it (never twice at once, never left behind); the sync
 * engine and the replayer coalesce their own steps the same way.
 */
export class Reconciler {
  readonly #background = new Set<Promise<void>>();
  readonly #runs = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  readonly #stops: Array<() => void> = [];
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #paused = false;

  constructor(private readonly options: ReconcilerOptions) {}

  /** A sync of this connection succeeded (the sync engine's hook): send what waits. */
  synced(connectionId: string): void {
    if (this.#closed || this.options.queue.waiting(connectionId).length === 0) return;
    void this.#track(this.options.replayer.replay(connectionId));
  }

  /** An answer was queued and the provider seems reachable: send it now. Resolves when the queue was gone through. */
  answerQueued(connectionId: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#track(this.options.replayer.replay(connectionId));
  }

  /** Owner writes (a bulk run) were queued for these connections: send each one's queue in the background. */
  writesQueued(connectionIds: readonly string[], options: { evenOffline?: boolean } = {}): void {
    if (this.#closed) return;
    const offline = new Set(options.evenOffline ? [] : this.#offline());
    for (const id of new Set(connectionIds)) if (!offline.has(id)) void this.#track(this.options.replayer.replay(id));
  }

  /** Sync this connection in the background, then send its queue (after an add, a sign-in, a refusal). */
  refresh(connectionId: string): void {
    this.#coalesced(`refresh\u0000${connectionId}`, async () => {
      await this.options.sync.syncOne(connectionId);
      await this.options.replayer.replay(connectionId);
    });
  }

  /** The user asked: syncs (validating the whole list) while they wait, then sends the queue in the background. */
  async syncNow(connectionId?: string): Promise<SyncStatus[]> {
    if (connectionId === undefined) {
      const statuses = await this.options.sync.syncAll({ validate: true });
      if (!this.#closed) void this.#track(this.options.replayer.replayAll());
      return statuses;
    }
    await this.options.sync.syncOne(connectionId, { validate: true });
    if (!this.#closed) void this.#track(this.options.replayer.replay(connectionId));
    return this.options.sync.statuses();
  }

  /** A provider (or, without an id, the whole network) came back: send what waited, then sync. */
  cameBack(connectionId?: string): void {
    if (this.#closed || this.#paused) return;
    const ids = connectionId ? [connectionId] : this.#offline();
    for (const id of ids) {
      if (!this.options.connections.list().some((c) => c.id === id)) continue;
      this.options.logger.info({ connectionId: id }, 'provider reachable again');
      this.#coalesced(`back\u0000${id}`, async () => {
        await this.options.replayer.replay(id);
        await this.options.sync.syncOne(id);
      });
    }
  }

  /** Syncs everything and sends every queue now, then every `intervalMs`, and whenever a watcher says a provider is back. */
  start(intervalMs: number, watchers: readonly OnlineWatcher[]): void {
    if (this.#timer || this.#closed) return;
    const everything = () => {
      if (this.#paused) return;
      this.#coalesced('everything', async () => {
        await this.options.sync.syncAll();
        await this.options.replayer.replayAll();
      });
    };
    everything();
    this.#timer = setInterval(everything, intervalMs);
    this.#timer.unref();
    for (const watcher of watchers) this.#stops.push(watcher.start((id) => this.cameBack(id)));
  }

  /**
   * "Pause sync" from the tray: the periodic sync and the watchers' comebacks stop starting; what
   * the user asks for (Sync now, an answer) still goes out.
   */
  pause(paused: boolean): void {
    this.#paused = paused;
  }

  /** Resolves once every background run started so far, and any it started, has settled. */
  async idle(): Promise<void> {
    while (this.#background.size > 0) await Promise.all(this.#background);
  }

  /** Starts nothing more, stops the timer and the watchers, and waits for the runs under way. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const stop of this.#stops.splice(0)) stop();
    await this.options.replayer.close();
    await this.idle();
  }

  #offline(): string[] {
    return this.options.sync
      .statuses()
      .filter((s) => s.state === 'offline')
      .map((s) => s.connectionId);
  }

  #coalesced(key: string, steps: () => Promise<void>): void {
    if (this.#closed) return;
    if (this.#runs.has(key)) {
      this.#again.add(key);
      return;
    }
    const run = (async () => {
      do {
        this.#again.delete(key);
        await steps();
      } while (this.#again.has(key) && !this.#closed);
    })().finally(() => this.#runs.delete(key));
    this.#runs.set(key, run);
    void this.#track(run);
  }

  /** Resolves with the task (failures are logged, never thrown: a background run has no one to tell). */
  #track(task: Promise<unknown>): Promise<void> {
    const settled = task.then(
      () => undefined,
      (error: unknown) => this.options.logger.error({ err: error }, 'background task failed'),
    );
    this.#background.add(settled);
    void settled.finally(() => this.#background.delete(settled));
    return settled;
  }
}
