import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../src-shared/api/accounts.js';
import { AccountChanges } from '../../../src-shared/ipc/channels/accounts.js';
import type { AccountMark } from '../../../src-main/accounts/account-marks.js';
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
  const sources = { connections: { list: () => connections }, cache: { read: (id: string) => ({ accounts: cached.get(id) ?? [] }) }, marks };
  return { connections, cached, marked, marks, log: new AccountListLog(sources) };
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
