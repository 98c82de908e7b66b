import type { Account } from '../../src-shared/api/accounts.js';
import type { AccountPageRequest, AccountPageResult, RequestOptions } from '../connectors/connector.js';
import { unexpectedAnswer } from '../errors.js';
import type { AccountSyncState } from './account-cache.js';
import { Limiter } from './limiter.js';

export interface AccountPageSource {
  listAccountsPage(request: AccountPageRequest, options?: RequestOptions): Promise<AccountPageResult>;
}

export interface ListingOptions {
  /** The provider's maximum (docs/ARCHITECTURE.md §10: 1000): fewer round trips. */
  pageSize: number;
  /** Removed access only shows when the whole list is validated: that happens at least this often. */
  fullEveryMs: number;
  /** Validate the whole list now (the user asked for a sync), rather than only ask what changed. */
  validate?: boolean;
  now: Date;
  provider: string;
  signal?: AbortSignal;
}

/**
 * `unchanged`: nothing about the accounts was transferred (304s, or no change since the watermark);
 * `pages`: only the pages whose ETag no longer held; `changes`: only accounts changed since the
 * watermark, merged by id; `full`: the whole list.
 */
export type ListingMode = 'unchanged' | 'pages' | 'changes' | 'full';

export interface ListingStats {
  mode: ListingMode;
  requests: number;
  notModified: number;
  /** Accounts that crossed the network. */
  accountsTransferred: number;
}

export interface ListingResult {
  /** The very `cached` array when nothing changed, so the cache knows not to rewrite it. */
  accounts: Account[];
  /** Unchanged but for `fullAt` when a validation found nothing new. */
  state: AccountSyncState;
  stats: ListingStats;
  /** Set when only what changed was asked: `accounts` is `cached` with these put in by id, nothing removed. */
  upserted?: Account[];
}

const MAX_PAGES = 10_000;

type Page = NonNullable<AccountSyncState['pages']>[number];
type Fresh = Extract<AccountPageResult, { notModified: false }>;

/**
 * Brings the cached accounts list of one connection up to date, transferring as little as the
 * provider allows. Two questions, two costs:
 * - "What changed?" — only accounts changed after the newest `updatedAt` seen (`updatedSince`),
 *   merged by id: one cheap request when nothing did, conditional on the tag of the last such
 *   empty answer, so the provider answers 304 without building a page. It cannot see access that
 *   was removed.
 * - "Is the whole list still what I have?" — when the provider sent ETags on every page of the
 *   last full listing, each page is asked for again with `If-None-Match` and a 304 reuses the
 *   cached page; otherwise the whole list is read. This sees removals.
 * Periodic syncs ask the first, and the second at least every `fullEveryMs`; a sync the user asks
 * for (`validate`) asks the second. When every page carried the *same* ETag, that tag validates
 * the whole list (a per-page tag would differ between pages), so one conditional request for the
 * first page answers both questions at once and is always used.
 */
export async function refreshAccounts(source: AccountPageSource, cached: Account[], state: AccountSyncState, options: ListingOptions): Promise<ListingResult> {
  const stats: ListingStats = { mode: 'full', requests: 0, notModified: 0, accountsTransferred: 0 };
  const get = async (request: Omit<AccountPageRequest, 'limit'>) => {
    stats.requests++;
    const result = await source.listAccountsPage({ ...request, limit: options.pageSize }, { signal: options.signal });
    if (result.notModified) stats.notModified++;
    else stats.accountsTransferred += result.items.length;
    return result;
  };
  /** Nothing changed; a validation also records when it happened (a small write, not the accounts). */
  const unchanged = (validated: boolean): ListingResult => ({
    accounts: cached,
    state: validated ? { ...state, fullAt: options.now.toISOString() } : state,
    stats: { ...stats, mode: 'unchanged' },
  });

  const pages = state.pages && state.pages.length > 0 ? state.pages : null;
  if (pages && state.collectionEtag) {
    const answer = await get({ cursor: null, ifNoneMatch: pages[0]!.etag });
    if (answer.notModified) {
      const listed = fromRecords(pages, cached);
      if (!listed) return fullListing(get, options, stats);
      return sameAccounts(listed, cached)
        ? unchanged(true)
        : { accounts: listed, state: { ...state, fullAt: options.now.toISOString() }, stats: { ...stats, mode: 'pages' } };
    }
    return fullListing(get, options, stats, answer);
  }
  const fullAt = state.fullAt ? Date.parse(state.fullAt) : Number.NaN;
  if (!options.validate && state.watermark && options.now.getTime() - fullAt < options.fullEveryMs) {
    return changesSince(get, cached, state, state.watermark, options, stats, () => unchanged(false));
  }
  if (pages) return pageWalk(get, cached, pages, options, stats, () => unchanged(true));
  return fullListing(get, options, stats);
}

type Get = (request: Omit<AccountPageRequest, 'limit'>) => Promise<AccountPageResult>;

async function fullListing(get: Get, options: ListingOptions, stats: ListingStats, first?: Fresh): Promise<ListingResult> {
  const accounts: Account[] = [];
  const pages: Array<Omit<Page, 'etag'> & { etag: string | null }> = [];
  let cursor: string | null = null;
  let answer: AccountPageResult | undefined = first;
  for (let n = 0; n < MAX_PAGES; n++) {
    answer ??= await get({ cursor });
    // Nothing conditional was asked, so a 304 here is a provider bug.
    if (answer.notModified) throw unexpectedAnswer(options.provider);
    accounts.push(...answer.items);
    pages.push({ cursor, etag: answer.etag, ids: answer.items.map((a) => a.id), nextCursor: answer.nextCursor });
    if (!answer.nextCursor) {
      const tagged = pages.every((p): p is Page => p.etag !== null);
      // One page is the whole list, so its tag answers for the whole list whatever the provider
      // meant by it; several pages with one tag can only be a tag for the whole list.
      const collectionEtag = tagged && pages.every((p) => p.etag === pages[0]!.etag);
      const watermark = newestUpdate(accounts, null);
      // The provider's tag for the question the next re-sync asks, if it is that very question.
      const quietEtag = watermark && answer.quietEtag?.updatedSince === sinceAfter(watermark) ? answer.quietEtag : null;
      return {
        accounts,
        state: { pages: tagged ? pages : null, collectionEtag, watermark, fullAt: options.now.toISOString(), quietEtag },
        stats: { ...stats, mode: 'full' },
      };
    }
    cursor = answer.nextCursor;
    answer = undefined;
  }
  throw unexpectedAnswer(options.provider);
}

/** Conditional asks in flight at once for one connection's validation. */
const PAGES_AT_ONCE = 4;

/**
 * Every recorded page asked for again with its tag, a few at once, before the walk reaches it:
 * the records name every cursor, so a validation need not wait one round trip per page. Each
 * answer is the one the walk would get by asking when it arrives there; one for a cursor the walk
 * no longer reaches (a change moved the page bounds) is left unused.
 */
function askAhead(get: Get, known: readonly Page[]): Map<string | null, Promise<AccountPageResult>> {
  const limiter = new Limiter(PAGES_AT_ONCE);
  const ahead = new Map<string | null, Promise<AccountPageResult>>();
  for (const page of known) {
    const answer = limiter.run(() => get({ cursor: page.cursor, ifNoneMatch: page.etag }));
    // An answer left unused must not fail unhandled; the walk awaits the ones it uses.
    answer.catch(() => undefined);
    ahead.set(page.cursor, answer);
  }
  return ahead;
}

async function pageWalk(
  get: Get,
  cached: Account[],
  known: Page[],
  options: ListingOptions,
  stats: ListingStats,
  unchanged: () => ListingResult,
): Promise<ListingResult> {
  const index = lazyIndex(cached);
  const ahead = askAhead(get, known);
  const accounts: Account[] = [];
  const pages: Page[] = [];
  let changed = false;
  let cursor: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const stored = known.find((p) => p.cursor === cursor);
    const asked = ahead.get(cursor);
    ahead.delete(cursor);
    const answer: AccountPageResult = await (asked ?? get(stored ? { cursor, ifNoneMatch: stored.etag } : { cursor }));
    let next: string | null;
    if (answer.notModified) {
      const items = stored ? recordedAccounts(stored.ids, accounts.length, cached, index) : null;
      // The cache no longer matches its own page records (damaged or pruned): read everything again.
      if (!stored || !items) return fullListing(get, options, stats);
      accounts.push(...items);
      pages.push(stored);
      next = stored.nextCursor;
    } else {
      changed = true;
      // A page without an ETag ends the page-wise mode; the full listing records what the provider sends now.
      if (!answer.etag) return fullListing(get, options, stats, cursor === null ? answer : undefined);
      accounts.push(...answer.items);
      pages.push({ cursor, etag: answer.etag, ids: answer.items.map((a) => a.id), nextCursor: answer.nextCursor });
      next = answer.nextCursor;
    }
    if (!next) {
      // All 304: what the provider lists is what the records say, which the cache may no longer be
      // (an accepted invitation added its account, a leave removed one, before any sync).
      if (!changed && sameAccounts(accounts, cached)) return unchanged();
      return {
        accounts,
        state: { pages, collectionEtag: false, watermark: newestUpdate(accounts, null), fullAt: options.now.toISOString() },
        stats: { ...stats, mode: 'pages' },
      };
    }
    cursor = next;
  }
  throw unexpectedAnswer(options.provider);
}

async function changesSince(
  get: Get,
  cached: Account[],
  state: AccountSyncState,
  watermark: string,
  options: ListingOptions,
  stats: ListingStats,
  unchanged: () => ListingResult,
): Promise<ListingResult> {
  const updatedSince = sinceAfter(watermark);
  // The same question as last time, which found nothing: the provider can answer 304 without a page.
  const quiet = state.quietEtag?.updatedSince === updatedSince ? state.quietEtag.etag : null;
  const changed: Account[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const ask = cursor === null && quiet !== null;
    const answer = await get(ask ? { cursor, updatedSince, ifNoneMatch: quiet } : { cursor, updatedSince });
    if (answer.notModified) {
      if (ask) return unchanged();
      throw unexpectedAnswer(options.provider);
    }
    if (cursor === null && answer.items.length === 0 && !answer.nextCursor) {
      const nothing = unchanged();
      if (!answer.etag || answer.etag === quiet) return nothing;
      return { ...nothing, state: { ...state, quietEtag: { updatedSince, etag: answer.etag } } };
    }
    changed.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  if (changed.length === 0) return unchanged();
  const merged = new Map(cached.map((a) => [a.id, a]));
  for (const account of changed) merged.set(account.id, account);
  const accounts = [...merged.values()].sort(byNameThenId);
  // An account that moved while the pages were read comes twice; the later answer is the one kept.
  const upserted = [...new Set(changed.map((a) => a.id))].map((id) => merged.get(id)!);
  return {
    accounts,
    state: { ...state, watermark: newestUpdate(changed, watermark), quietEtag: null },
    stats: { ...stats, mode: 'changes' },
    upserted,
  };
}

/**
 * The cached accounts one page record names, in its order; null when the cache lacks one. The
 * cache is kept in the provider's order, so the record usually names exactly the accounts at
 * `offset`: comparing ids there spares building an index of every cached account.
 */
function recordedAccounts(ids: readonly string[], offset: number, cached: readonly Account[], index: () => Map<string, Account>): Account[] | null {
  if (ids.every((id, k) => cached[offset + k]?.id === id)) return cached.slice(offset, offset + ids.length);
  const byId = index();
  const out: Account[] = [];
  for (const id of ids) {
    const account = byId.get(id);
    if (!account) return null;
    out.push(account);
  }
  return out;
}

/** The accounts the page records name, in order, from the cache; null when the cache lacks one. */
function fromRecords(pages: readonly Page[], cached: readonly Account[]): Account[] | null {
  const index = lazyIndex(cached);
  const out: Account[] = [];
  for (const page of pages) {
    const items = recordedAccounts(page.ids, out.length, cached, index);
    if (!items) return null;
    out.push(...items);
  }
  return out;
}

/** The cache by id, built on first use only. */
function lazyIndex(cached: readonly Account[]): () => Map<string, Account> {
  let byId: Map<string, Account> | null = null;
  return () => (byId ??= new Map(cached.map((a) => [a.id, a])));
}

function sameAccounts(a: readonly Account[], b: readonly Account[]): boolean {
  return a.length === b.length && a.every((account, i) => account === b[i]);
}

/** The `updatedSince` of "what changed after the watermark?": the provider compares with >=, so one millisecond later. */
function sinceAfter(watermark: string): string {
  return new Date(Date.parse(watermark) + 1).toISOString();
}

function newestUpdate(accounts: readonly Account[], start: string | null): string | null {
  let newest = start;
  let newestMs = start ? Date.parse(start) : -Infinity;
  for (const a of accounts) {
    const ms = Date.parse(a.updatedAt);
    if (ms > newestMs) {
      newestMs = ms;
      newest = a.updatedAt;
    }
  }
  return newest;
}

function byNameThenId(a: Account, b: Account): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
