import type { Logger } from 'pino';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { IncomingInvitation } from '../../src-shared/api/invitations.js';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError, isClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { AccountCache, CachedData } from './account-cache.js';
import { refreshAccounts, type ListingStats } from './account-listing.js';
import { backoffDelay, Limiter } from './limiter.js';

export interface SyncSource {
  list(): Connection[];
  connectorFor(id: string): Promise<{ connection: Connection; connector: Connector }>;
}

export interface SyncEngineOptions {
  connections: SyncSource;
  cache: AccountCache;
  events: EventHub;
  logger: Logger;
  /** Whole sync of one connection, per attempt. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (unreachable, provider error). */
  retries?: number;
  backoffMs?: number;
  /** Connections synced at the same time. */
  concurrency?: number;
  /** Accounts per page asked from the provider. */
  pageSize?: number;
  /** Without ETags, a full listing (which sees removed access) runs at least this often. */
  fullEveryMs?: number;
  clock?: () => Date;
  /** Called after every successful sync with the cache before and after it (notifications, queue replay). */
  afterSync?: (connectionId: string, before: CachedData, after: CachedData) => void;
}

export interface SyncRequest {
  /** Validate the whole accounts list (sees removed access), as when the user asks for a sync. */
  validate?: boolean;
}

/** What the last sync of a connection cost: for tests and benchmarks. */
export interface SyncRun extends ListingStats {
  durationMs: number;
}

const TRANSIENT = new Set(['provider_unreachable', 'provider_error']);

/**
 * Syncs connections into the cache, a bounded number at once. Each has its own status, a timeout
 * per attempt and retries with exponential backoff; one slow or broken provider never holds up the
 * others. A connection already syncing is not synced twice at once: the second caller joins.
 * Accounts are fetched incrementally (see account-listing.ts); incoming invitations, a short
 * list, are fetched whole.
 */
export class SyncEngine {
  readonly #status = new Map<string, SyncStatus>();
  readonly #running = new Map<string, { run: Promise<SyncStatus>; validate: boolean }>();
  readonly #lastRun = new Map<string, SyncRun>();
  readonly #limiter: Limiter;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #pageSize: number;
  readonly #fullEveryMs: number;
  readonly #clock: () => Date;

  constructor(private readonly options: SyncEngineOptions) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = options.retries ?? 2;
    this.#backoffMs = options.backoffMs ?? 300;
    this.#pageSize = options.pageSize ?? 1000;
    this.#fullEveryMs = options.fullEveryMs ?? 10 * 60_000;
    this.#clock = options.clock ?? (() => new Date());
    this.#limiter = new Limiter(options.concurrency ?? 4);
  }

  /** One status per stored connection; before the first sync of this run, the cache tells when it last synced. */
  statuses(): SyncStatus[] {
    return this.options.connections.list().map((c) => this.status(c.id));
  }

  status(connectionId: string): SyncStatus {
    return this.#status.get(connectionId) ?? this.#initial(connectionId);
  }

  lastRun(connectionId: string): SyncRun | undefined {
    return this.#lastRun.get(connectionId);
  }

  async syncAll(options: SyncRequest = {}): Promise<SyncStatus[]> {
    await Promise.all(this.options.connections.list().map((c) => this.syncOne(c.id, options)));
    return this.statuses();
  }

  /**
   * Syncs one connection; joins a sync already running, unless this one must validate the whole
   * list and the running one does not: then it follows it.
   */
  syncOne(connectionId: string, options: SyncRequest = {}): Promise<SyncStatus> {
    const validate = options.validate ?? false;
    const running = this.#running.get(connectionId);
    if (running) return running.validate || !validate ? running.run : running.run.then(() => this.syncOne(connectionId, options));
    // Shown as syncing at once, even while it waits for a free slot.
    const previous = this.status(connectionId);
    this.#set({ connectionId, state: 'syncing', syncedAt: previous.syncedAt, message: null });
    const run = this.#limiter.run(() => this.#sync(connectionId, previous, validate)).finally(() => this.#running.delete(connectionId));
    this.#running.set(connectionId, { run, validate });
    return run;
  }

  /**
   * Records what another part learned about a provider without a sync (the queue found it
   * unreachable, or its sign-in refused), so the status shows it and the online watcher probes it.
   */
  markFailure(connectionId: string, code: string, message: string): void {
    if (code !== 'provider_unreachable' && code !== 'needs_sign_in') return;
    if (this.#running.has(connectionId) || !this.options.connections.list().some((c) => c.id === connectionId)) return;
    const previous = this.status(connectionId);
    const state = stateOf(code);
    if (previous.state === state) return;
    this.#set({ ...previous, state, message });
  }

  forget(connectionId: string): void {
    this.#status.delete(connectionId);
    this.#lastRun.delete(connectionId);
    this.options.events.emit('sync.changed', this.statuses());
  }

  async #sync(connectionId: string, previous: SyncStatus, validate: boolean): Promise<SyncStatus> {
    let attempt = 0;
    for (;;) {
      try {
        await this.#attempt(connectionId, validate);
        const syncedAt = this.options.cache.read(connectionId).syncedAt ?? this.#clock().toISOString();
        return this.#set({ connectionId, state: 'synced', syncedAt, message: null });
      } catch (error) {
        const failure = isClientdeckError(error)
          ? error
          : new ClientdeckError('internal_error', 'Syncing failed unexpectedly. Try again; if it keeps happening, report it.');
        if (!isClientdeckError(error)) this.options.logger.error({ err: error, connectionId }, 'sync failed unexpectedly');
        if (TRANSIENT.has(failure.code) && attempt < this.#retries) {
          await delay(backoffDelay(attempt, this.#backoffMs));
          attempt++;
          continue;
        }
        this.options.logger.info({ connectionId, code: failure.code, attempts: attempt + 1 }, 'sync failed');
        if (!this.options.connections.list().some((c) => c.id === connectionId)) {
          this.#status.delete(connectionId);
          return { connectionId, state: 'error', syncedAt: null, message: failure.message };
        }
        const status: SyncStatus = { connectionId, state: stateOf(failure.code), syncedAt: previous.syncedAt, message: failure.message };
        return this.#set(failure.code === 'needs_sign_in' && failure.providerCode === 'second_factor_required' ? { ...status, asksForCode: true } : status);
      }
    }
  }

  async #attempt(connectionId: string, validate: boolean): Promise<void> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new ClientdeckError(
            'provider_unreachable',
            `The provider did not finish answering within ${Math.round(this.#timeoutMs / 1000)} s. Clientdeck will try again later.`,
          ),
        );
      }, this.#timeoutMs);
    });
    // It may fire while the update still waits its turn; the race below reports it then.
    timeout.catch(() => undefined);
    try {
      const seen: { before?: CachedData; stats?: ListingStats } = {};
      // Fetched inside the cache's update: a local change made meanwhile waits and applies on top.
      const after = await this.options.cache.update(connectionId, async (current) => {
        seen.before = current;
        const work = this.#fetch(connectionId, current, validate, controller.signal);
        // If the timeout wins, the abandoned work's own failure is expected and must not go unhandled.
        work.catch(() => undefined);
        const { listing, invitations: listed, fromLinks } = await Promise.race([work, timeout]);
        const fresh = fromLinks ? withLinkInvitations(listed, current.invitations) : listed;
        // The same array when nothing changed: the cache then writes nothing and no notice goes out.
        const invitations = JSON.stringify(fresh) === JSON.stringify(current.invitations) ? current.invitations : fresh;
        // A connection removed while it synced must not leave a cache file behind.
        if (!this.options.connections.list().some((c) => c.id === connectionId)) return null;
        seen.stats = listing.stats;
        const { accounts, upserted } = listing;
        // What changed travels with the accounts, so the list log patches 100 rows instead of comparing 5,000.
        const accountsPatch = upserted ? { from: current.accounts, to: accounts, upserted } : undefined;
        return { accounts, accountSync: listing.state, invitations, syncedAt: this.#clock().toISOString(), accountsPatch };
      });
      const { before, stats } = seen;
      if (!before || !stats) return;
      this.#lastRun.set(connectionId, { ...stats, durationMs: performance.now() - started });
      const lists: Array<'accounts' | 'invitations'> = [];
      if (after.accounts !== before.accounts) lists.push('accounts');
      if (after.invitations !== before.invitations) lists.push('invitations');
      if (lists.length > 0) this.options.events.emit('data.changed', { lists });
      this.options.afterSync?.(connectionId, before, after);
    } finally {
      clearTimeout(timer);
    }
  }

  async #fetch(connectionId: string, before: CachedData, validate: boolean, signal: AbortSignal) {
    const { connection, connector } = await this.options.connections.connectorFor(connectionId);
    const provider = connection.label;
    // Listing accounts and incoming invitations is the connector's core: every kind can do both.
    const [listing, invitations] = await Promise.all([
      refreshAccounts(connector, before.accounts, before.accountSync, {
        pageSize: this.#pageSize,
        fullEveryMs: this.#fullEveryMs,
        validate,
        now: this.#clock(),
        provider,
        signal,
      }),
      connector.listIncomingInvitations({ signal }),
    ]);
    return { listing, invitations, fromLinks: connector.invitationsFromLinks };
  }

  #initial(connectionId: string): SyncStatus {
    const syncedAt = this.options.cache.read(connectionId).syncedAt;
    return { connectionId, state: syncedAt ? 'synced' : 'never', syncedAt, message: null };
  }

  #set(status: SyncStatus): SyncStatus {
    this.#status.set(status.connectionId, status);
    this.options.events.emit('sync.changed', this.statuses());
    return status;
  }
}

/**
 * The provider's list, plus what the cache learned from pasted links that the provider cannot
 * list (pending while their answer waits in the queue, accepted once it went through).
 */
function withLinkInvitations(listed: IncomingInvitation[], cached: IncomingInvitation[]): IncomingInvitation[] {
  const ids = new Set(listed.map((i) => i.id));
  return [...listed, ...cached.filter((i) => !ids.has(i.id))];
}

function stateOf(code: string): SyncStatus['state'] {
  if (code === 'provider_unreachable') return 'offline';
  if (code === 'needs_sign_in') return 'needs_sign_in';
  return 'error';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
