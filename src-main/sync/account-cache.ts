import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Account } from '../../src-shared/api/accounts.js';
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
});
export type AccountSyncState = z.infer<typeof AccountSyncState>;

export const EMPTY_SYNC_STATE: AccountSyncState = Object.freeze({ pages: null, collectionEtag: false, watermark: null, fullAt: null });

const StateFile = z.object({
  version: z.literal(2),
  invitations: z.array(IncomingInvitation),
  syncedAt: z.string().nullable(),
  fullAt: z.string().nullable(),
});
/** The page records and watermark live with the accounts: they change only when the accounts do. */
const AccountsFile = z.object({ version: z.literal(2), accounts: z.array(Account), accountSync: AccountSyncState.omit({ fullAt: true }) });
/** The walking skeleton's single file per connection, read once and replaced on the next write. */
const LegacyFile = z.object({ accounts: z.array(Account), invitations: z.array(IncomingInvitation), syncedAt: z.string().nullable() });

export interface CachedData {
  accounts: Account[];
  invitations: IncomingInvitation[];
  syncedAt: string | null;
  accountSync: AccountSyncState;
}

const EMPTY: CachedData = Object.freeze({ accounts: [], invitations: [], syncedAt: null, accountSync: EMPTY_SYNC_STATE }) as CachedData;

/**
 * The last known accounts and incoming invitations of each connection, so the app opens instantly
 * and offline. One folder per connection under `<dataDir>/cache/`: `accounts.json` (large, with the
 * page records and watermark of incremental sync; written only when those changed — updates keep
 * the same objects when nothing did, so a no-change re-sync rewrites only the small `state.json`
 * of invitations and sync times). Every file is replaced atomically. Reads are
 * served from memory after the first one; writes update memory at once and reach disk in order.
 */
export class AccountCache {
  readonly #dir: string;
  readonly #memory = new Map<string, CachedData>();
  readonly #writes = new WriteSerializer();
  /** The last update queued per connection: the next one starts when it has ended. */
  readonly #updates = new Map<string, Promise<void>>();
  /** Connections removed meanwhile: a write still queued for them must not recreate their folder. */
  readonly #removed = new Set<string>();

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
    return this.#writes.run(connectionId, async () => {
      if (this.#removed.has(connectionId)) return;
      if (accountsChanged) {
        const { fullAt: _small, ...accountSync } = data.accountSync;
        await writeFileAtomic(this.#accountsFile(connectionId), JSON.stringify({ version: 2, accounts: data.accounts, accountSync }));
      }
      const state = { version: 2, invitations: data.invitations, syncedAt: data.syncedAt, fullAt: data.accountSync.fullAt };
      // Rewritten by every sync; losing it to a power cut costs one fuller sync, not a wait on the disk each time.
      await writeFileAtomic(this.#stateFile(connectionId), JSON.stringify(state), { durable: false });
      fs.rmSync(this.#legacyFile(connectionId), { force: true });
    });
  }

  async remove(connectionId: string): Promise<void> {
    this.#memory.delete(connectionId);
    this.#removed.add(connectionId);
    await this.#writes.run(connectionId, async () => {
      fs.rmSync(this.#folder(connectionId), { recursive: true, force: true });
      fs.rmSync(this.#legacyFile(connectionId), { force: true });
    });
  }

  /** Resolves once every update started so far has ended and every write is on disk. */
  async flushed(): Promise<void> {
    while (this.#updates.size > 0) await Promise.all(this.#updates.values());
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
        const { invitations, syncedAt, fullAt } = state.data;
        const accountSync = accounts?.data ? { ...accounts.data.accountSync, fullAt } : EMPTY_SYNC_STATE;
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
