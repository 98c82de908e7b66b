/**
 * What a re-sync that finds nothing new costs the desktop side, counted, never timed
 * (docs/ARCHITECTURE.md §3, §11): requests per connection, 304s, files the cache replaced and
 * `data.changed` notices. A sync that changed something still writes and tells.
 */
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import path from 'node:path';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';
import { call, newCore, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const ACCOUNTS = 450;
const PAGE = 100;
const PAGES = Math.ceil(ACCOUNTS / PAGE);

/** Requests to the provider's accounts list, by whether they were conditional. */
class AccountRequests {
  plain = 0;
  conditional = 0;
  readonly #listener = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (!request.path.startsWith('/api/v1/accounts?')) return;
    if (request.getHeader('if-none-match')) this.conditional++;
    else this.plain++;
  };
  start(): void {
    diagnostics.subscribe('http.client.request.start', this.#listener);
  }
  stop(): void {
    diagnostics.unsubscribe('http.client.request.start', this.#listener);
  }
  reset(): void {
    this.plain = 0;
    this.conditional = 0;
  }
}

/** Every file under `dir` with its inode and modification time: an atomic replace changes both. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(file);
    found.set(file, `${stat.ino}:${stat.mtimeMs}`);
  }
  return found;
}

function replaced(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([file, mark]) => before.get(file) !== mark).map(([file]) => path.basename(file));
}

describe('a re-sync that finds nothing new', () => {
  let provider: SeededProvider;
  let me: Login;
  let ids: string[];
  let dataDir: string;
  let core: ReturnType<typeof newCore>;
  let connectionId: string;
  const requests = new AccountRequests();
  const notices: string[][] = [];

  beforeAll(async () => {
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Quiet agency');
    ids = await addAccounts(provider, me, ACCOUNTS, 'Client');
    dataDir = tempDir('resync-cost');
    core = newCore(dataDir, { vault: new MemoryVault(), syncPageSize: PAGE });
    core.events.on((event, payload) => {
      if (event === 'data.changed') notices.push([...(payload as { lists: string[] }).lists]);
    });
    connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
    await core.idle();
    expect(core.sync.lastRun(connectionId)).toMatchObject({ mode: 'full', requests: PAGES, accountsTransferred: ACCOUNTS });
    requests.start();
  }, 120_000);
  afterAll(async () => {
    requests.stop();
    await core?.close();
    await provider?.close();
  });

  /** Runs `sync` and reports what it cost, coalesced notices included (`core.idle()` would flush the cache). */
  async function cost(sync: () => Promise<unknown>) {
    requests.reset();
    notices.length = 0;
    const before = files(dataDir);
    await sync();
    // EventHub coalesces some notices for 25 ms; wait past that so none is missed.
    await new Promise((resolve) => setTimeout(resolve, 60));
    return {
      run: core.sync.lastRun(connectionId)!,
      plain: requests.plain,
      conditional: requests.conditional,
      replaced: replaced(before, files(dataDir)),
      notices: [...notices],
    };
  }

  it('asks what changed with one conditional request, answered 304, and writes and tells nothing', async () => {
    // The full listing's last page brought the tag: already the first re-sync after it is a 304.
    for (let round = 0; round < 3; round++) {
      const periodic = await cost(() => core.sync.syncOne(connectionId));
      expect(periodic.run).toMatchObject({ mode: 'unchanged', requests: 1, notModified: 1, accountsTransferred: 0 });
      expect({ plain: periodic.plain, conditional: periodic.conditional }).toEqual({ plain: 0, conditional: 1 });
      expect(periodic.replaced).toEqual([]);
      expect(periodic.notices).toEqual([]);
    }
  });

  it('"Sync now" validates every page with one conditional request each, all 304, and writes and tells nothing', async () => {
    const validated = await cost(() => call(core, 'sync.now', { connectionId }));
    expect(validated.run).toMatchObject({ mode: 'unchanged', requests: PAGES, notModified: PAGES, accountsTransferred: 0 });
    expect({ plain: validated.plain, conditional: validated.conditional }).toEqual({ plain: 0, conditional: PAGES });
    expect(validated.replaced).toEqual([]);
    expect(validated.notices).toEqual([]);
  });

  it('keeps the sync times in memory until the cache is flushed, then a fresh core reads them back', async () => {
    const syncedAt = core.sync.status(connectionId).syncedAt;
    const before = files(dataDir);
    await core.idle();
    expect(replaced(before, files(dataDir))).toEqual(['state.json']);
    const reopened = newCore(dataDir, { vault: new MemoryVault() });
    try {
      expect(reopened.cache.read(connectionId).syncedAt).toBe(syncedAt);
      expect(reopened.cache.read(connectionId).accountSync.quietEtag).toEqual(core.cache.read(connectionId).accountSync.quietEtag);
    } finally {
      await reopened.close();
    }
  });

  it('a sync that changed an account writes the accounts and tells the renderer once', async () => {
    await provider.db.updateTable('accounts').set({ name: 'Client renamed', updated_at: new Date().toISOString() }).where('id', '=', ids[3]!).execute();
    const changed = await cost(() => core.sync.syncOne(connectionId));
    expect(changed.run).toMatchObject({ mode: 'changes', requests: 1, notModified: 0, accountsTransferred: 1 });
    // Asked with the tag of the last quiet answer, which no longer holds: the page comes whole.
    expect({ plain: changed.plain, conditional: changed.conditional }).toEqual({ plain: 0, conditional: 1 });
    expect(changed.replaced.sort()).toEqual(['accounts.json', 'state.json']);
    expect(changed.notices).toEqual([['accounts']]);
    expect(core.cache.read(connectionId).accounts.find((a) => a.id === ids[3])!.name).toBe('Client renamed');
    // The sync says which account it changed, so the list log patches one entry instead of comparing 450.
    const { accounts, accountsPatch } = core.cache.read(connectionId);
    expect(accountsPatch?.to).toBe(accounts);
    expect(accountsPatch?.upserted.map((a) => a.id)).toEqual([ids[3]]);
    // The watermark moved, so the old tag answers another question: the next one is asked plainly, then with its tag.
    const first = await cost(() => core.sync.syncOne(connectionId));
    expect({ mode: first.run.mode, plain: first.plain, conditional: first.conditional }).toEqual({ mode: 'unchanged', plain: 1, conditional: 0 });
    const second = await cost(() => core.sync.syncOne(connectionId));
    expect({ mode: second.run.mode, plain: second.plain, conditional: second.conditional, notModified: second.run.notModified }).toEqual({
      mode: 'unchanged',
      plain: 0,
      conditional: 1,
      notModified: 1,
    });
  });

  it('a change between the full listing and the first re-sync comes whole, though the re-sync asks with the quiet tag', async () => {
    const other = newCore(tempDir('resync-cost-changed'), { vault: new MemoryVault(), syncPageSize: PAGE });
    try {
      const id = (await call(other, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
      await other.idle();
      expect(other.sync.lastRun(id)).toMatchObject({ mode: 'full', requests: PAGES });
      expect(other.cache.read(id).accountSync.quietEtag).toMatchObject({ etag: expect.any(String) });
      await provider.db.updateTable('accounts').set({ name: 'Client moved on', updated_at: new Date().toISOString() }).where('id', '=', ids[7]!).execute();
      requests.reset();
      await other.sync.syncOne(id);
      expect({ plain: requests.plain, conditional: requests.conditional }).toEqual({ plain: 0, conditional: 1 });
      expect(other.sync.lastRun(id)).toMatchObject({ mode: 'changes', notModified: 0, accountsTransferred: 1 });
      expect(other.cache.read(id).accounts.find((a) => a.id === ids[7])!.name).toBe('Client moved on');
    } finally {
      await other.close();
    }
  });
});
