import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/api/accounts.js';
import type { IncomingInvitation } from '../../../src-shared/api/invitations.js';
import type { Connector } from '../../../src-main/connectors/connector.js';
import { EventHub } from '../../../src-main/events.js';
import { silentLogger } from '../../../src-main/logging.js';
import { AccountCache } from '../../../src-main/sync/account-cache.js';
import { SyncEngine } from '../../../src-main/sync/sync-engine.js';
import { connection, SAMPLES } from './fixtures/channel-samples.js';

const { connectionId: _c, providerLabel: _p, favourite: _f, lastOpenedAt: _l, domains: _d, ...account } = SAMPLES['accounts.list'].output[0]!;
const { connectionId: _ic, providerLabel: _ip, pendingAnswer: _ia, ...invitation } = SAMPLES['invitations.list'].output[0]!;
const joined: Account = account;
const listed: IncomingInvitation = invitation;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A sync engine over one connection whose provider answers only when the test releases it. */
function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-update-'));
  dirs.push(dataDir);
  const cache = new AccountCache(dataDir, silentLogger());
  const asked = deferred<void>();
  const answer = deferred<IncomingInvitation[]>();
  const connector = {
    listAccountsPage: async () => ({ notModified: false, items: [], nextCursor: null, etag: null }),
    listIncomingInvitations: () => {
      asked.resolve();
      return answer.promise;
    },
  } as unknown as Connector;
  const sync = new SyncEngine({
    connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
    cache,
    events: new EventHub(),
    logger: silentLogger(),
    retries: 0,
  });
  return { dataDir, cache, sync, asked: asked.promise, release: answer.resolve };
}

describe('the account cache has one update path', () => {
  it('applies a write made during a running sync on top of the sync result: neither lost nor overwritten', async () => {
    const { dataDir, cache, sync, asked, release } = setup();
    const syncing = sync.syncOne(connection.id);
    // The provider was asked: the sync now holds what it read before the local change.
    await asked;
    const seen: number[] = [];
    let written = false;
    const local = cache.update(connection.id, (current) => {
      seen.push(current.invitations.length);
      return { ...current, accounts: [...current.accounts, joined] };
    });
    void local.then(() => (written = true));
    // However long the provider takes, the local change waits for the sync's result.
    await new Promise((resolve) => setImmediate(resolve));
    expect({ seen, written }).toEqual({ seen: [], written: false });
    release([listed]);

    expect(await syncing).toMatchObject({ state: 'synced' });
    const after = await local;
    // It ran after the sync wrote, on top of what the sync brought.
    expect(seen).toEqual([1]);
    expect(after.accounts).toEqual([joined]);
    expect(after.invitations).toEqual([listed]);
    expect(cache.read(connection.id)).toBe(after);

    // What reached disk is the same: a fresh cache over the same folder reads both changes.
    await cache.flushed();
    const reread = new AccountCache(dataDir, silentLogger()).read(connection.id);
    expect(reread.accounts).toEqual([joined]);
    expect(reread.invitations).toEqual([listed]);
  });

  it('runs updates of one connection one after another, each seeing the last', async () => {
    const { cache } = setup();
    const gate = deferred<void>();
    const first = cache.update(connection.id, async (current) => {
      await gate.promise;
      return { ...current, accounts: [joined] };
    });
    const second = cache.update(connection.id, (current) => ({ ...current, invitations: [listed], accounts: [...current.accounts] }));
    const unchanged = cache.update(connection.id, () => null);
    gate.resolve();
    await first;
    const afterSecond = await second;
    expect(afterSecond.accounts).toEqual([joined]);
    expect(await unchanged).toBe(afterSecond);
    expect(cache.read(connection.id)).toBe(afterSecond);
  });
});

describe('the times of a sync that found nothing new', () => {
  function cacheIn() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-times-'));
    dirs.push(dataDir);
    return { dataDir, cache: new AccountCache(dataDir, silentLogger()) };
  }
  const stateOf = (dataDir: string, id: string) => JSON.parse(fs.readFileSync(path.join(dataDir, 'cache', id, 'state.json'), 'utf8'));
  const later = (syncedAt: string) => (current: ReturnType<AccountCache['read']>) => ({
    ...current,
    syncedAt,
    accountSync: { ...current.accountSync, fullAt: syncedAt },
  });

  it('wait in memory, reach disk with the next write or the flush, and never recreate a removed connection', async () => {
    const { dataDir, cache } = cacheIn();
    await cache.update('c1', (current) => ({ ...current, accounts: [joined], invitations: [listed], syncedAt: '2026-01-01T00:00:00.000Z' }));
    const written = fs.statSync(path.join(dataDir, 'cache', 'c1', 'state.json')).mtimeMs;

    const quiet = await cache.update('c1', later('2026-01-01T00:05:00.000Z'));
    expect(quiet.syncedAt).toBe('2026-01-01T00:05:00.000Z');
    expect(cache.read('c1').syncedAt).toBe('2026-01-01T00:05:00.000Z');
    expect(fs.statSync(path.join(dataDir, 'cache', 'c1', 'state.json')).mtimeMs).toBe(written);
    expect(stateOf(dataDir, 'c1').syncedAt).toBe('2026-01-01T00:00:00.000Z');
    await cache.flushed();
    expect(stateOf(dataDir, 'c1')).toMatchObject({ syncedAt: '2026-01-01T00:05:00.000Z', fullAt: '2026-01-01T00:05:00.000Z' });

    // A real change after quiet times writes them along with it.
    await cache.update('c1', later('2026-01-01T00:10:00.000Z'));
    await cache.update('c1', (current) => ({ ...current, invitations: [] }));
    expect(stateOf(dataDir, 'c1')).toMatchObject({ syncedAt: '2026-01-01T00:10:00.000Z', invitations: [] });

    // Quiet times of a connection removed before the flush are dropped with it.
    await cache.update('c1', later('2026-01-01T00:15:00.000Z'));
    await cache.remove('c1');
    await cache.flushed();
    expect(fs.existsSync(path.join(dataDir, 'cache', 'c1'))).toBe(false);
  });
});
