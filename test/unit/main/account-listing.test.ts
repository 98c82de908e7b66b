import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/api/accounts.js';
import type { AccountPageRequest, AccountPageResult } from '../../../src-main/connectors/connector.js';
import { EMPTY_SYNC_STATE, type AccountSyncState } from '../../../src-main/sync/account-cache.js';
import { refreshAccounts, type ListingOptions } from '../../../src-main/sync/account-listing.js';

type EtagMode = 'none' | 'page' | 'collection';

/**
 * A provider that behaves as docs/ARCHITECTURE.md §10 says: keyset cursors (name, id), `updatedSince` compared
 * with >=, and optionally ETags per page (a hash of the page) or for the whole collection.
 */
class FakeProvider {
  accounts = new Map<string, Account>();
  time = Date.parse('2025-01-01T00:00:00.000Z');
  requests: AccountPageRequest[] = [];

  /** `tagsChanges`: an `updatedSince` answer carries an ETag too, as the reference client area's does. */
  constructor(
    readonly etags: EtagMode,
    readonly tagsChanges = false,
  ) {}

  tick(): string {
    this.time += 1000;
    return new Date(this.time).toISOString();
  }

  add(name: string): string {
    const id = `acc_${this.accounts.size}_${Math.random().toString(36).slice(2, 8)}`;
    this.accounts.set(id, {
      id,
      name,
      role: 'owner',
      permissions: [],
      scope: null,
      summary: { services: 0, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
      updatedAt: this.tick(),
    });
    return id;
  }

  rename(id: string, name: string): void {
    const a = this.accounts.get(id)!;
    this.accounts.set(id, { ...a, name, updatedAt: this.tick() });
  }

  remove(id: string): void {
    this.accounts.delete(id);
  }

  sorted(): Account[] {
    return [...this.accounts.values()].sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async listAccountsPage(request: AccountPageRequest): Promise<AccountPageResult> {
    this.requests.push(request);
    let all = this.sorted();
    if (request.updatedSince) all = all.filter((a) => a.updatedAt >= request.updatedSince!);
    const after = request.cursor ? (JSON.parse(request.cursor) as [string, string]) : null;
    const rest = after ? all.filter((a) => a.name > after[0] || (a.name === after[0] && a.id > after[1])) : all;
    const items = rest.slice(0, request.limit);
    const last = items[items.length - 1];
    const nextCursor = rest.length > request.limit && last ? JSON.stringify([last.name, last.id]) : null;
    const etag = request.updatedSince
      ? this.tagsChanges
        ? `"${hash({ items, nextCursor, updatedSince: request.updatedSince })}"`
        : null
      : this.etags === 'none'
        ? null
        : `"${hash(this.etags === 'page' ? { items, nextCursor } : this.sorted())}"`;
    if (etag && request.ifNoneMatch === etag) return { notModified: true };
    return { notModified: false, items, nextCursor, etag };
  }
}

function hash(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function options(provider: FakeProvider, extra: Partial<ListingOptions> = {}): ListingOptions {
  return { pageSize: 4, fullEveryMs: 60_000, now: new Date(provider.time), provider: 'fake', ...extra };
}

async function sync(provider: FakeProvider, cached: Account[], state: AccountSyncState, extra: Partial<ListingOptions> = {}) {
  provider.requests = [];
  return refreshAccounts(provider, cached, state, options(provider, extra));
}

function seeded(etags: EtagMode, n = 10, tagsChanges = false): FakeProvider {
  const p = new FakeProvider(etags, tagsChanges);
  for (let i = 0; i < n; i++) p.add(`Customer ${String(i).padStart(2, '0')}`);
  return p;
}

describe('incremental account listing', () => {
  it('first sync reads every page and remembers per-page ETags, or that the tag covers the whole list', async () => {
    for (const mode of ['none', 'page', 'collection'] as const) {
      const p = seeded(mode);
      const first = await sync(p, [], EMPTY_SYNC_STATE);
      expect(first.accounts).toEqual(p.sorted());
      expect(first.stats).toMatchObject({ mode: 'full', requests: 3, accountsTransferred: 10 });
      expect(first.state.pages?.length ?? null).toBe(mode === 'none' ? null : 3);
      expect(first.state.collectionEtag).toBe(mode === 'collection');
      expect(first.state.watermark).toBe(
        p
          .sorted()
          .map((a) => a.updatedAt)
          .sort()
          .at(-1),
      );
    }
  });

  it('a re-sync with nothing changed transfers no account, whatever the provider offers', async () => {
    for (const [mode, validate, requests] of [
      ['none', false, 1],
      ['page', false, 1],
      ['collection', false, 1],
      ['page', true, 3],
      ['collection', true, 1],
    ] as const) {
      const p = seeded(mode);
      const first = await sync(p, [], EMPTY_SYNC_STATE);
      const again = await sync(p, first.accounts, first.state, { validate });
      expect(again.stats, `${mode} ${validate}`).toMatchObject({ mode: 'unchanged', requests, accountsTransferred: 0 });
      // The very same accounts and page records come back, so the big cache file is not rewritten.
      expect(again.accounts).toBe(first.accounts);
      expect(again.state.pages).toBe(first.state.pages);
      expect(again.state.watermark).toBe(first.state.watermark);
    }
    // Asking what changed is one request with `updatedSince`, no ETag needed.
    const p = seeded('page');
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    await sync(p, first.accounts, first.state);
    expect(p.requests).toEqual([{ cursor: null, limit: 4, updatedSince: new Date(Date.parse(first.state.watermark!) + 1).toISOString() }]);
  });

  it('asks what changed conditionally once a quiet answer brought a tag, and plainly again after the watermark moved', async () => {
    const p = seeded('page', 10, true);
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    const updatedSince = new Date(Date.parse(first.state.watermark!) + 1).toISOString();
    const quiet = await sync(p, first.accounts, first.state);
    expect(quiet.state.quietEtag).toEqual({ updatedSince, etag: expect.any(String) });
    // The page records and accounts stay the very same objects: only the small state changes.
    expect(quiet.accounts).toBe(first.accounts);
    expect(quiet.state.pages).toBe(first.state.pages);
    const tagged = await sync(p, quiet.accounts, quiet.state);
    expect(p.requests).toEqual([{ cursor: null, limit: 4, updatedSince, ifNoneMatch: quiet.state.quietEtag!.etag }]);
    expect(tagged.stats).toMatchObject({ mode: 'unchanged', requests: 1, notModified: 1, accountsTransferred: 0 });
    expect(tagged.state).toBe(quiet.state);

    const renamed = p.sorted()[2]!;
    p.rename(renamed.id, 'Customer renamed');
    const changed = await sync(p, tagged.accounts, tagged.state);
    expect(changed.stats).toMatchObject({ mode: 'changes', requests: 1, notModified: 0, accountsTransferred: 1 });
    expect(changed.accounts).toEqual(p.sorted());
    expect(changed.state.quietEtag).toBeNull();
    await sync(p, changed.accounts, changed.state);
    expect(p.requests).toEqual([{ cursor: null, limit: 4, updatedSince: new Date(Date.parse(changed.state.watermark!) + 1).toISOString() }]);
  });

  it('validates the recorded pages four at once, not one round trip after another', async () => {
    const p = seeded('page', 40);
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    expect(first.state.pages).toHaveLength(10);
    let inFlight = 0;
    let most = 0;
    const source = {
      async listAccountsPage(request: AccountPageRequest): Promise<AccountPageResult> {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return p.listAccountsPage(request);
      },
    };
    const again = await refreshAccounts(source, first.accounts, first.state, options(p, { validate: true }));
    expect(again.stats).toMatchObject({ mode: 'unchanged', requests: 10, notModified: 10, accountsTransferred: 0 });
    expect(again.accounts).toBe(first.accounts);
    expect(most).toBe(4);
  });

  it('with per-page ETags, validating the list transfers only the changed page', async () => {
    const p = seeded('page');
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    const target = p.sorted()[5]!;
    p.accounts.set(target.id, { ...target, summary: { ...target.summary, openTickets: 3 }, updatedAt: p.tick() });
    const again = await sync(p, first.accounts, first.state, { validate: true });
    expect(again.stats).toMatchObject({ mode: 'pages', requests: 3, notModified: 2, accountsTransferred: 4 });
    expect(again.accounts).toEqual(p.sorted());
  });

  it('changes since the watermark are merged, and removals show with the next validation', async () => {
    const p = seeded('none');
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    const [gone, renamed] = p.sorted();
    p.remove(gone!.id);
    p.rename(renamed!.id, 'Zeta Renamed');
    const newId = p.add('Alpha New');
    const changes = await sync(p, first.accounts, first.state);
    expect(changes.stats).toMatchObject({ mode: 'changes', requests: 1, accountsTransferred: 2 });
    expect(changes.accounts.map((a) => a.id)).toContain(newId);
    expect(changes.accounts.find((a) => a.id === renamed!.id)!.name).toBe('Zeta Renamed');
    // Still listed: nothing but a full listing can tell it is gone.
    expect(changes.accounts.some((a) => a.id === gone!.id)).toBe(true);

    const later = await sync(p, changes.accounts, changes.state, { now: new Date(p.time + 61_000) });
    expect(later.stats.mode).toBe('full');
    expect(later.accounts).toEqual(p.sorted());
  });

  it('a collection ETag answers for the whole list, and sees removals at once', async () => {
    const p = seeded('collection');
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    p.remove(p.sorted()[7]!.id);
    const again = await sync(p, first.accounts, first.state);
    expect(again.stats).toMatchObject({ mode: 'full', requests: 3 });
    expect(again.accounts).toEqual(p.sorted());
  });

  it('a validation corrects what was changed locally since the last listing (an account added by an accepted invitation)', async () => {
    for (const mode of ['page', 'collection'] as const) {
      // The login starts with no account at all: its one page is empty.
      const p = new FakeProvider(mode);
      const first = await sync(p, [], EMPTY_SYNC_STATE);
      expect(first.accounts).toEqual([]);
      // An invitation is accepted: the answer brings the account, which the app adds at once...
      const id = p.add('Bellini');
      const local = [p.accounts.get(id)!];
      // ...and it is revoked before any sync: the provider's list is empty again, with the old ETag.
      p.remove(id);
      const again = await sync(p, local, first.state, { validate: true });
      expect(again.accounts, mode).toEqual([]);
      expect(again.stats.accountsTransferred).toBe(0);
    }
  });

  it('a cache that lost accounts its page records name is read again in full', async () => {
    const p = seeded('page');
    const first = await sync(p, [], EMPTY_SYNC_STATE);
    const again = await sync(p, first.accounts.slice(1), first.state, { validate: true });
    expect(again.stats.mode).toBe('full');
    expect(again.accounts).toEqual(p.sorted());
  });

  it('a list that fits one page is validated by its tag on every sync, so a removal shows at once', async () => {
    // Found by the property below: a one-page list was treated as "page ETags", and a periodic
    // sync only asked what changed, which cannot see a removal.
    for (const mode of ['page', 'collection'] as const) {
      const p = seeded(mode, 3);
      const first = await sync(p, [], EMPTY_SYNC_STATE);
      expect(first.state.collectionEtag, mode).toBe(true);
      const quiet = await sync(p, first.accounts, first.state);
      expect(quiet.stats, mode).toMatchObject({ mode: 'unchanged', requests: 1, notModified: 1, accountsTransferred: 0 });
      p.remove(p.sorted()[0]!.id);
      const again = await sync(p, quiet.accounts, quiet.state);
      expect(again.accounts, mode).toEqual(p.sorted());
    }
  });

  it('stays equal to the provider through any sequence of changes (removals: by the next validation)', async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('add' as const), name: fc.string({ minLength: 1, maxLength: 6 }) }),
      fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), name: fc.string({ minLength: 1, maxLength: 6 }) }),
      fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('sync' as const), later: fc.boolean(), validate: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<EtagMode>('none', 'page', 'collection'),
        fc.boolean(),
        fc.array(step, { maxLength: 30 }),
        async (mode, tagsChanges, steps) => {
          const p = seeded(mode, 6, tagsChanges);
          let { accounts, state } = await sync(p, [], EMPTY_SYNC_STATE);
          const removed = new Set<string>();
          for (const s of [...steps, { op: 'sync' as const, later: true, validate: false }]) {
            const ids = [...p.accounts.keys()];
            if (s.op === 'add') p.add(s.name);
            else if (s.op === 'rename' && ids.length > 0) p.rename(ids[s.pick % ids.length]!, s.name);
            else if (s.op === 'remove' && ids.length > 0) {
              const id = ids[s.pick % ids.length]!;
              p.remove(id);
              removed.add(id);
            } else if (s.op === 'sync') {
              const now = new Date(p.time + (s.later ? 61_000 : 0));
              ({ accounts, state } = await sync(p, accounts, state, { now, validate: s.validate }));
              if (s.later) p.time += 61_000;
              const truth = p.sorted();
              if (mode !== 'collection' && !s.later && !s.validate) {
                // Everything the provider has is there and current; extra entries can only be removed ones.
                const byId = new Map(accounts.map((a) => [a.id, a]));
                expect(truth.every((a) => JSON.stringify(byId.get(a.id)) === JSON.stringify(a))).toBe(true);
                expect(accounts.filter((a) => !p.accounts.has(a.id)).every((a) => removed.has(a.id))).toBe(true);
              } else {
                expect(accounts).toEqual(truth);
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the quiet tag a whole listing brings', () => {
  /** One provider page, its last, carrying the quiet tag the provider hands out for "what changed since `since`?". */
  const listingWith = (since: string) => {
    const provider = seeded('page', 5);
    const source = {
      listAccountsPage: async (request: AccountPageRequest): Promise<AccountPageResult> => {
        const answer = await provider.listAccountsPage(request);
        return answer.notModified || answer.nextCursor ? answer : { ...answer, quietEtag: { updatedSince: since, etag: '"quiet"' } };
      },
    };
    return refreshAccounts(source, [], EMPTY_SYNC_STATE, options(provider));
  };

  it('is kept when it answers the question the next re-sync asks, one millisecond after the newest change', async () => {
    const probe = await listingWith('2000-01-01T00:00:00.000Z');
    const since = new Date(Date.parse(probe.state.watermark!) + 1).toISOString();
    expect((await listingWith(since)).state.quietEtag).toEqual({ updatedSince: since, etag: '"quiet"' });
  });

  it('is dropped when it answers another question', async () => {
    const listed = await listingWith('2000-01-01T00:00:00.000Z');
    expect(listed.state.quietEtag).toBeNull();
  });
});
