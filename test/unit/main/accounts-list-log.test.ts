import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../src-shared/api/accounts.js';
import { AccountChanges } from '../../../src-shared/ipc/channels/accounts.js';
import type { AccountMark } from '../../../src-main/accounts/account-marks.js';
import type { AccountsPatch } from '../../../src-main/sync/account-cache.js';
import { AccountListLog } from '../../../src-main/ipc/handlers/accounts-list-log.js';
import { listingConnection as connection } from './fixtures/account-list-world.js';

const NO_MARK: AccountMark = { favourite: false, lastOpenedAt: null };

function account(i: number, name = `Account ${i}`): Account {
  return {
    id: `acc_${i}`,
    name,
    role: 'member',
    permissions: ['tickets'],
    scope: null,
    summary: { services: 1, domainsExpiringSoon: 0, unpaidInvoices: 0, openTickets: 0 },
    updatedAt: '2026-01-01T00:00:00.000Z',
    domainNames: [`d${i}.example`],
  };
}

/** Ten connections of 5,000 accounts: the 50,000 rows of the renderer's bench. */
function world() {
  const connections = Array.from({ length: 10 }, (_, i) => connection(`c${i}`));
  const cached = new Map(connections.map((c, n) => [c.id, Array.from({ length: 5000 }, (_, i) => account(n * 5000 + i))]));
  const marked = new Map<string, AccountMark>();
  const marks = {
    version: 0,
    forConnection: (connectionId: string) => (accountId: string) => marked.get(`${connectionId}/${accountId}`) ?? NO_MARK,
  };
  const patches = new Map<string, AccountsPatch>();
  const sources = {
    connections: { list: () => connections },
    cache: { read: (id: string) => ({ accounts: cached.get(id) ?? [], accountsPatch: patches.get(id) }) },
    marks,
  };
  /** What an incremental sync does: the accounts with `upserted` put in by id, and the patch that says so. */
  const synced = (id: string, upserted: Account[]) => {
    const from = cached.get(id)!;
    const byId = new Map(from.map((a) => [a.id, a]));
    for (const a of upserted) byId.set(a.id, a);
    const to = [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    cached.set(id, to);
    patches.set(id, { from, to, upserted });
  };
  return { connections, cached, marked, marks, synced, log: new AccountListLog(sources) };
}

const start = (log: AccountListLog) => {
  const reset = log.changesSince(0);
  expect(reset.reset).toBe(true);
  return reset.version;
};

describe('AccountListLog', () => {
  it('sends the 100 rows a sync changed of 50,000, whole, and nothing else', () => {
    const { cached, log } = world();
    const rows = log.list();
    expect(rows).toHaveLength(50_000);
    const version = start(log);
    // An incremental sync keeps the unchanged account objects and replaces the renamed ones.
    const before = cached.get('c3')!;
    cached.set(
      'c3',
      before.map((a, i) => (i < 100 ? { ...a, name: `Renamed ${a.name}` } : a)),
    );

    const mapWrites = vi.spyOn(Map.prototype, 'set');
    const changes = log.changesSince(version);
    // Each changed row is written once where it was built from and once by key, plus the
    // connection's own entry: the maps of the 4,900 unchanged rows are not built again.
    expect(mapWrites.mock.calls.length).toBe(2 * 100 + 1);
    mapWrites.mockRestore();
    expect(changes.reset).toBe(false);
    if (changes.reset) return;
    expect(changes.upserted).toHaveLength(100);
    expect(changes.removed).toHaveLength(0);
    expect(changes.upserted.every((r) => r.connectionId === 'c3' && r.name.startsWith('Renamed '))).toBe(true);
    expect(changes.version).toBeGreaterThan(version);
    // What goes over IPC is about 100 rows' worth, not 50,000.
    const listBytes = JSON.stringify(log.list()).length;
    expect(JSON.stringify(AccountChanges.parse(changes)).length).toBeLessThan(listBytes / 400);
    // Unchanged rows are the same objects as before: the renderer keeps them, and so does main.
    const after = log.list();
    expect(after.filter((r, i) => r === rows[i]).length).toBe(49_900);
    expect(log.changesSince(changes.version)).toEqual({ reset: false, version: changes.version, upserted: [], removed: [] });
  });

  it('patches only the accounts a sync said it changed: 100 of 5,000 cost about 100 look-ups, marks and writes', () => {
    const { cached, marks, synced, log } = world();
    const rows = log.list();
    const version = start(log);
    const before = cached.get('c3')!;
    const renamed = before.slice(0, 100).map((a) => ({ ...a, name: `Renamed ${a.name}` }));
    const added = account(99_999, 'Zz new customer');
    synced('c3', [...renamed, added]);

    let markLookups = 0;
    const forConnection = marks.forConnection;
    marks.forConnection = (connectionId) => {
      const markOf = forConnection(connectionId);
      return (accountId) => (markLookups++, markOf(accountId));
    };
    const mapReads = vi.spyOn(Map.prototype, 'get');
    const mapWrites = vi.spyOn(Map.prototype, 'set');
    let changes;
    try {
      changes = log.changesSince(version);
      // Built from and by key for each of the 101, plus the connection's entry.
      expect(mapWrites.mock.calls.length).toBe(2 * 101 + 1);
      // A few reads per changed account (the test's own cache and marks included); comparing
      // all 5,000 would read the built map and the marks 5,000 times each.
      expect(mapReads.mock.calls.length).toBeLessThan(6 * 101);
      expect(markLookups).toBe(101);
    } finally {
      mapReads.mockRestore();
      mapWrites.mockRestore();
      marks.forConnection = forConnection;
    }
    if (changes.reset) throw new Error('expected a delta');
    expect(changes.upserted).toHaveLength(101);
    expect(changes.removed).toEqual([]);
    expect(new Set(changes.upserted.map((r) => r.name))).toEqual(new Set([...renamed, added].map((a) => a.name)));
    // The whole list is what a full comparison makes of the same accounts: every account exactly once, in the cache's order.
    const after = log.list();
    expect(after).toHaveLength(50_001);
    expect(new Set(after.map((r) => `${r.connectionId}/${r.id}`)).size).toBe(50_001);
    expect(after.filter((r) => r.connectionId === 'c3').map((r) => r.id)).toEqual(cached.get('c3')!.map((a) => a.id));
    // Every row not changed is the very object it was: the 49,900 others and c3's 4,900.
    const held = new Set(rows);
    expect(after.filter((r) => held.has(r)).length).toBe(49_900);
    expect(log.changesSince(changes.version)).toEqual({ reset: false, version: changes.version, upserted: [], removed: [] });
  });

  it('compares every account when the patch does not start from what the log last read', () => {
    const { cached, synced, log } = world();
    log.list();
    const version = start(log);
    // A leave the log never read, then a sync's patch on top of it: the patch alone would keep the left account.
    cached.set('c4', cached.get('c4')!.slice(1));
    synced('c4', [{ ...cached.get('c4')![0]!, name: 'Renamed one' }]);
    const changes = log.changesSince(version);
    if (changes.reset) throw new Error('expected a delta');
    expect(changes.removed).toEqual([{ connectionId: 'c4', id: 'acc_20000' }]);
    expect(changes.upserted.map((r) => r.name)).toEqual(['Renamed one']);
    expect(log.list()).toHaveLength(50_000 - 1);
  });

  it('keeps the very same list while nothing changed, even across a full listing that parsed every account anew', () => {
    const { cached, log } = world();
    const rows = log.list();
    const version = start(log);
    cached.set(
      'c1',
      cached.get('c1')!.map((a) => structuredClone(a)),
    );
    expect(log.list()).toBe(rows);
    expect(log.changesSince(version)).toEqual({ reset: false, version, upserted: [], removed: [] });
  });

  it('compares a full listing of 5,000 re-parsed accounts without serialising any', () => {
    const { cached, log } = world();
    log.list();
    const version = start(log);
    // A full listing after a change: every account a new object, 100 of them renamed.
    cached.set(
      'c2',
      cached.get('c2')!.map((a, i) => (i < 100 ? { ...structuredClone(a), name: `Renamed ${a.name}` } : structuredClone(a))),
    );
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const changes = log.changesSince(version);
      if (changes.reset) throw new Error('expected a delta');
      expect(changes.upserted).toHaveLength(100);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });

  it('tells removed accounts and connections by key, marks and renamed connections as changed rows', () => {
    const { connections, cached, marked, marks, log } = world();
    log.list();
    const version = start(log);
    cached.set('c0', cached.get('c0')!.slice(1));
    connections.splice(9, 1);
    connections[1] = connection('c1', 'Renamed provider');
    marked.set('c2/acc_10000', { favourite: true, lastOpenedAt: null });
    marks.version++;

    const changes = log.changesSince(version);
    if (changes.reset) throw new Error('expected a delta');
    expect(changes.removed).toHaveLength(1 + 5000);
    expect(changes.removed).toContainEqual({ connectionId: 'c0', id: 'acc_0' });
    expect(changes.upserted).toHaveLength(5000 + 1);
    expect(changes.upserted.find((r) => r.id === 'acc_10000')).toMatchObject({ favourite: true });
    expect(log.list()).toHaveLength(50_000 - 1 - 5000);
  });

  it('answers reset to a version it forgot or never handed out', () => {
    const { cached, log } = world();
    const version = start(log);
    expect(log.changesSince(version + 1).reset).toBe(true);
    // More changed keys than the log keeps: the first version is forgotten.
    for (const id of ['c0', 'c1', 'c2'])
      cached.set(
        id,
        cached.get(id)!.map((a) => ({ ...a, name: `${a.name}!` })),
      );
    const changes = log.changesSince(version);
    expect(changes.reset).toBe(false);
    for (const id of ['c5', 'c6'])
      cached.set(
        id,
        cached.get(id)!.map((a) => ({ ...a, name: `${a.name}!` })),
      );
    log.list();
    expect(log.changesSince(version).reset).toBe(true);
    expect(log.changesSince(changes.version)).toMatchObject({ reset: false, upserted: expect.any(Array) });
  });
});
