import type { Logger } from 'pino';
import type { Connection, SyncStatus } from '../../src-shared/ipc/contract.js';
import type { Connector } from '../connectors/connector.js';
import { ClientdeckError, isClientdeckError } from '../errors.js';
import type { EventHub } from '../events.js';
import type { AccountCache } from './account-cache.js';

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
  clock?: () => Date;
}

const TRANSIENT = new Set(['provider_unreachable', 'provider_error']);

/**
 * Syncs every connection concurrently into the cache. Each connection has its own status, a
 * timeout per attempt and a short retry with exponential backoff; one slow or broken provider
 * never holds up the others. A connection already syncing is not synced twice at once.
 */
export class SyncEngine {
  readonly #status = new Map<string, SyncStatus>();
  readonly #running = new Map<string, Promise<SyncStatus>>();
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #clock: () => Date;

  constructor(private readonly options: SyncEngineOptions) {
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = options.retries ?? 2;
    this.#backoffMs = options.backoffMs ?? 300;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** One status per stored connection; before the first sync of this run, the cache tells when it last synced. */
  statuses(): SyncStatus[] {
    return this.options.connections.list().map((c) => this.#status.get(c.id) ?? this.#initial(c.id));
  }

  async syncAll(): Promise<SyncStatus[]> {
    await Promise.all(this.options.connections.list().map((c) => this.syncOne(c.id)));
    return this.statuses();
  }

  syncOne(connectionId: string): Promise<SyncStatus> {
    const running = this.#running.get(connectionId);
    if (running) return running;
    const run = this.#sync(connectionId).finally(() => this.#running.delete(connectionId));
    this.#running.set(connectionId, run);
    return run;
  }

  forget(connectionId: string): void {
    this.#status.delete(connectionId);
    this.options.events.emit('sync.changed', this.statuses());
  }

  async #sync(connectionId: string): Promise<SyncStatus> {
    const previous = this.#status.get(connectionId) ?? this.#initial(connectionId);
    this.#set({ ...previous, state: 'syncing', message: null });
    let attempt = 0;
    for (;;) {
      try {
        await this.#attempt(connectionId);
        const syncedAt = this.options.cache.read(connectionId).syncedAt ?? this.#clock().toISOString();
        this.options.events.emit('data.changed', { lists: ['accounts', 'invitations'] });
        return this.#set({ connectionId, state: 'synced', syncedAt, message: null });
      } catch (error) {
        const failure = isClientdeckError(error) ? error : new ClientdeckError('internal_error', 'Syncing failed unexpectedly. Try again; if it keeps happening, report it.');
        if (!isClientdeckError(error)) this.options.logger.error({ err: error, connectionId }, 'sync failed unexpectedly');
        if (TRANSIENT.has(failure.code) && attempt < this.#retries) {
          await delay(this.#backoffMs * 2 ** attempt);
          attempt++;
          continue;
        }
        this.options.logger.info({ connectionId, code: failure.code, attempts: attempt + 1 }, 'sync failed');
        if (failure.code === 'not_found' && !this.options.connections.list().some((c) => c.id === connectionId)) {
          this.#status.delete(connectionId);
          return { connectionId, state: 'error', syncedAt: null, message: failure.message };
        }
        return this.#set({ connectionId, state: stateOf(failure.code), syncedAt: previous.syncedAt, message: failure.message });
      }
    }
  }

  async #attempt(connectionId: string): Promise<void> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ClientdeckError('provider_unreachable', `The provider did not finish answering within ${Math.round(this.#timeoutMs / 1000)} s. Clientdeck will try again later.`));
      }, this.#timeoutMs);
    });
    try {
      const work = (async () => {
        const { connector } = await this.options.connections.connectorFor(connectionId);
        const signal = controller.signal;
        const [accounts, invitations] = await Promise.all([
          connector.capabilities.includes('accounts.list') ? connector.listAccounts({ signal }) : Promise.resolve([]),
          connector.capabilities.includes('invitations.incoming') ? connector.listIncomingInvitations({ signal }) : Promise.resolve([]),
        ]);
        return { accounts, invitations };
      })();
      // If the timeout wins, the abandoned work's own failure is expected and must not go unhandled.
      work.catch(() => undefined);
      const { accounts, invitations } = await Promise.race([work, timeout]);
      // A connection removed while it synced must not leave a cache file behind.
      if (!this.options.connections.list().some((c) => c.id === connectionId)) return;
      this.options.cache.write(connectionId, { accounts, invitations, syncedAt: this.#clock().toISOString() });
    } finally {
      clearTimeout(timer);
    }
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

function stateOf(code: string): SyncStatus['state'] {
  if (code === 'provider_unreachable') return 'offline';
  if (code === 'needs_sign_in') return 'needs_sign_in';
  return 'error';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
