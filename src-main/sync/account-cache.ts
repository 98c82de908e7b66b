import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Account, QuietTag } from '../../src-shared/api/accounts.js';
import { IncomingInvitation } from '../../src-shared/api/invitations.js';
import { WriteSerializer, writeFileAtomic } from '../storage/atomic-file.js';

/** What incremental sync remembers about the provider's accounts list (see account-listing.ts). */
export const AccountSyncState = z.object({
  /** The pages of the last full listing with their ETags; null when the provider sends none. */
  pages: z.array(z.object({ cursor: z.string().nullable(), etag: z.string(), ids: z.array(z.string()), nextCursor: z.string().nullable() })).nullable(),
  /** Every page carried the same ETag: it validates the whole list, so one conditional request suffices. */
  collectionEtag: z.boolean(),
  /** The newest `updatedAt` seen, for `updatedSince`. */
  watermark: z.string().nullable(),
  /** When the whole list was last read (removals are only seen then, unless ETags say otherwise). */
  fullAt: z.string().nullable(),
  /**
   * The ETag of the last "nothing changed since the watermark" answer and the `updatedSince` it
   * answered: asking the same again is conditional, and a 304 costs the provider no page.
   */
  quietEtag: QuietTag.nullable().optional(),
});
export type AccountSyncState = z.infer<typeof AccountSyncState>;

export const EMPTY_SYNC_STATE: AccountSyncState = Object.freeze({ pages: null, collectionEtag: false, watermark: null, fullAt: null });

const StateFile = z.object({
  version: z.literal(2),
  invitations: z.array(IncomingInvitation),
  syncedAt: z.string().nullable(),
  fullAt: z.string().nullable(),
  quietEtag: AccountSyncState.shape.quietEtag,
});
/** The page records and watermark live with the accounts: they change only when the accounts do. */
const AccountsFile = z.object({ version: z.literal(2), accounts: z.array(Account), accountSync: AccountSyncState.omit({ fullAt: true, quietEtag: true }) });
/** The walking skeleton's single file per connection, read once and replaced on the next write. */
const LegacyFile = z.object({ accounts: z.array(Account), invitations: z.array(IncomingInvitation), syncedAt: z.string().nullable() });

/**
 * How a sync's `to` differs from the `from` it started with, when it asked only what changed:
 * `to` is `from` with `upserted` put in by id (such a question never sees a removal). A reader
 * that built something from `from` patches those accounts instead of comparing all of them.
 */
export interface AccountsPatch {
  from: readonly Account[];
  to: readonly Account[];
  upserted: readonly Account[];
}

export interface CachedData {
  accounts: Account[];
  invitations: IncomingInvitation[];
  syncedAt: string | null;
  accountSync: AccountSyncState;
  /**
   * Kept in memory only. Valid while `to` is `accounts`: a later update that spreads the data
   * and replaces the accounts carries a patch that no longer describes them.
   */
  accountsPatch?: AccountsPatch;
}

const EMPTY: CachedData = Object.freeze({ accounts: [], invitations: [], syncedAt: null, accountSync: EMPTY_SYNC_STATE }) as CachedData;

/**
 * The last known accounts and incoming invitations of each connection, so the app opens instantly
 * and offline. One folder per connection under `<dataDir>/cache/`: `accounts.json` (large, with the
 * page records and watermark of incremental sync; written only when those changed — updates keep
 * the same objects when nothing did) and the small `state.json` (invitations and sync times).
 * A sync that found nothing new changes only its times: those wait in memory for the next write
 * of the connection or for `flushed()` (idle, quit), so a no-change re-sync writes nothing;
 * a crash meanwhile costs the "last synced" time and one fuller sync, never data. Every file is
 * replaced atomically. Reads are served from memory after the first one; writes update memory at
 * once and reach disk in order.
 */
export class AccountCache {
  readonly #dir: string;
  readonly #memory = new Map<string, CachedData>();
  readonly #writes = new WriteSerializer();
  /** The last update queued per connection: the next one starts when it has ended. */
  readonly #updates = new Map<string, Promise<void>>();
  /** Connections removed meanwhile: a write still queued for them must not recreate their folder. */
  readonly #removed = new Set<string>();
  /** Connections whose sync times in memory are newer than their `state.json`. */
  readonly #timesUnsaved = new Set<string>();

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.#dir = path.join(dataDir, 'cache');
  }

  read(connectionId: string): CachedData {
    const known = this.#memory.get(connectionId);
    if (known) return known;
    const data = this.#load(connectionId);
    this.#memory.set(connectionId, data);
    return data;
  }

  /**
   * The one way to change a connection's cache. Updates of a connection run one after another,
   * each seeing what the one before left; the sync engine fetches inside its update, so a local
   * change made meanwhile (an answer's outcome, a leave) waits for the sync's result and applies
   * on top of it instead of being overwritten by data fetched before it. `mutate` returns the new
   * data, or null to leave the cache as it is; the update resolves with the data after it, once on
   * disk.
   */
  update(connectionId: string, mutate: (current: CachedData) => CachedData | null | Promise<CachedData | null>): Promise<CachedData> {
    const previous = this.#updates.get(connectionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = this.read(connectionId);
      const changed = await mutate(current);
      if (changed === null) return current;
      await this.#write(connectionId, changed);
      return changed;
    });
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.#updates.set(connectionId, tail);
    void tail.then(() => {
      if (this.#updates.get(connectionId) === tail) this.#updates.delete(connectionId);
    });
    return next;
  }

  #write(connectionId: string, data: CachedData): Promise<void> {
    const previous = this.read(connectionId);
    this.#memory.set(connectionId, data);
    this.#removed.delete(connectionId);
    const was = previous.accountSync;
    const now = data.accountSync;
    const accountsChanged =
      data.accounts !== previous.accounts ||
      now.pages !== was.pages ||
      now.collectionEtag !== was.collectionEtag ||
      now.watermark !== was.watermark ||
      !fs.existsSync(this.#accountsFile(connectionId));
    if (!accountsChanged && data.invitations === previous.invitations) {
      this.#timesUnsaved.add(connectionId);
      return Promise.resolve();
    }
    this.#timesUnsaved.delete(connectionId);
    return this.#writes.run(connectionId, async () => {
      if (this.#removed.has(connectionId)) return;
      if (accountsChanged) {
        const { fullAt: _small, quietEtag: _times, ...accountSync } = data.accountSync;
        await writeFileAtomic(this.#accountsFile(connectionId), JSON.stringify({ version: 2, accounts: data.accounts, accountSync }));
      }
      await this.#writeState(connectionId, data);
      fs.rmSync(this.#legacyFile(connectionId), { force: true });
    });
  }

  #writeState(connectionId: string, data: CachedData): Promise<void> {
    const { fullAt, quietEtag } = data.accountSync;
    const state = { version: 2, invitations: data.invitations, syncedAt: data.syncedAt, fullAt, quietEtag };
    // Losing it to a power cut costs one fuller sync, not a wait on the disk each time.
    return writeFileAtomic(this.#stateFile(connectionId), JSON.stringify(state), { durable: false });
  }

  async remove(connectionId: string): Promise<void> {
    this.#memory.delete(connectionId);
    this.#removed.add(connectionId);
    this.#timesUnsaved.delete(connectionId);
    await this.#writes.run(connectionId, async () => {
      fs.rmSync(this.#folder(connectionId), { recursive: true, force: true });
      fs.rmSync(this.#legacyFile(connectionId), { force: true });
    });
  }

  /** Resolves once every update started so far has ended and every write, sync times included, is on disk. */
  async flushed(): Promise<void> {
    while (this.#updates.size > 0) await Promise.all(this.#updates.values());
    for (const connectionId of this.#timesUnsaved) {
      this.#timesUnsaved.delete(connectionId);
      const data = this.read(connectionId);
      void this.#writes
        .run(connectionId, () => (this.#removed.has(connectionId) ? Promise.resolve() : this.#writeState(connectionId, data)))
        .catch((error: unknown) => this.logger.warn({ connectionId, err: error }, 'sync times not saved; the next sync saves them'));
    }
    await this.#writes.settled();
  }

  #load(connectionId: string): CachedData {
    const stateFile = this.#stateFile(connectionId);
    if (!fs.existsSync(stateFile)) return this.#loadLegacy(connectionId);
    try {
      const state = StateFile.safeParse(JSON.parse(fs.readFileSync(stateFile, 'utf8')));
      const accountsFile = this.#accountsFile(connectionId);
      const accounts = fs.existsSync(accountsFile) ? AccountsFile.safeParse(JSON.parse(fs.readFileSync(accountsFile, 'utf8'))) : null;
      if (state.success && (accounts === null || accounts.success)) {
        const { invitations, syncedAt, fullAt, quietEtag } = state.data;
        const accountSync = accounts?.data ? { ...accounts.data.accountSync, fullAt, quietEtag: quietEtag ?? null } : EMPTY_SYNC_STATE;
        return { invitations, syncedAt, accounts: accounts?.data?.accounts ?? [], accountSync };
      }
      this.logger.warn({ connectionId }, 'cache unreadable; starting empty');
    } catch (error) {
      this.logger.warn({ connectionId, err: error }, 'cache unreadable; starting empty');
    }
    // The next sync (a full one: the sync state is empty too) rewrites the files.
    return EMPTY;
  }

  #loadLegacy(connectionId: string): CachedData {
    const file = this.#legacyFile(connectionId);
    if (!fs.existsSync(file)) return EMPTY;
    try {
      const parsed = LegacyFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (parsed.success) return { ...parsed.data, accountSync: EMPTY_SYNC_STATE };
    } catch {
      // fall through: an unreadable old cache is simply not used
    }
    return EMPTY;
  }

  #name(connectionId: string): string {
    return encodeURIComponent(connectionId).replace(/\./g, '%2E');
  }

  #folder(connectionId: string): string {
    return path.join(this.#dir, this.#name(connectionId));
  }

  #accountsFile(connectionId: string): string {
    return path.join(this.#folder(connectionId), 'accounts.json');
  }

  #stateFile(connectionId: string): string {
    return path.join(this.#folder(connectionId), 'state.json');
  }

  #legacyFile(connectionId: string): string {
    return path.join(this.#dir, `${this.#name(connectionId)}.json`);
  }
}
