import { describe, expect, it } from 'vitest';
import { applyAccountChanges } from '../../../src-renderer/accounts/account-changes.js';
import { indexAccounts, positionOf, type AccountIndex } from '../../../src-renderer/accounts/account-filter.js';
import { accountRow, searchRows } from './account-rows.js';

function many(n: number) {
  return Array.from({ length: n }, (_, i) => accountRow(`Studio ${i}`, i % 2 === 0 ? 'Acme Hosting' : 'Beta Web', { id: `acc_${i}` }));
}

describe('applyAccountChanges', () => {
  it('ends where indexing the changed list afresh ends, keeping every unchanged row object', () => {
    const rows = many(500);
    const before = indexAccounts(rows);
    const renamed = rows.slice(0, 100).map((r) => ({ ...r, name: `Renamed ${r.name}` }));
    const added = accountRow('Zeta New', 'Acme Hosting', { id: 'acc_new' });
    const removed = rows[300]!;

    const after = applyAccountChanges(before, [...renamed, added], [{ connectionId: removed.connectionId, id: removed.id }]);
    const byId = new Map([...rows, ...renamed, added].map((r) => [`${r.connectionId}/${r.id}`, r]));
    byId.delete(`${removed.connectionId}/${removed.id}`);
    const fresh = indexAccounts([...byId.values()]);

    expect(after.rows.map((r) => r.name)).toEqual(fresh.rows.map((r) => r.name));
    expect(after.haystacks).toEqual(fresh.haystacks);
    expect(after.masks).toEqual(fresh.masks);
    const providers = (i: AccountIndex) => Array.from(i.providerOf, (p) => i.providers.folded[p]);
    expect(providers(after)).toEqual(providers(fresh));
    expect(after.attention).toBe(fresh.attention);
    for (const [i, row] of after.rows.entries()) expect(positionOf(after, `${row.connectionId}\u0000${row.id}`)).toBe(i);
    // React skips a row whose object did not change: 399 of the 400 untouched rows are the very same.
    const untouched = new Set(rows.slice(100));
    expect(after.rows.filter((r) => untouched.has(r)).length).toBe(399);
    expect(searchRows(after, { query: 'renamed studio 1' }).length).toBe(searchRows(fresh, { query: 'renamed studio 1' }).length);
  });

  it('keeps the index itself when nothing changed, and ignores rows it never had', () => {
    const before = indexAccounts(many(10));
    expect(applyAccountChanges(before, [], [])).toBe(before);
    expect(applyAccountChanges(before, [], [{ connectionId: 'c9', id: 'nope' }]).rows).toEqual(before.rows);
  });

  it('sorts everything again when most rows changed, with the same result', () => {
    const rows = many(3000);
    const changed = rows.map((r) => ({ ...r, name: `X ${r.name}` }));
    expect(applyAccountChanges(indexAccounts(rows), changed, []).rows).toEqual(indexAccounts(changed).rows);
  });
});

describe('applyAccountChanges at 100,000 rows', () => {
  /** Counts the reads of an array's elements and the writes into a map, the work a change does. */
  function counted<T>(rows: T[]) {
    const reads = { n: 0 };
    const proxy = new Proxy(rows, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads.n++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    return { proxy, reads };
  }

  it('places 100 changed rows with one pass over the old order and 100 writes to the key map, never rebuilding it', () => {
    const n = 100_000;
    const before = indexAccounts(many(n));
    const byKey = before.byKey;
    let keyWrites = 0;
    const set = byKey.set.bind(byKey);
    byKey.set = (key, value) => {
      keyWrites++;
      return set(key, value);
    };
    const { proxy, reads } = counted(before.rows);
    const renamed = before.rows.slice(0, 100).map((r) => ({ ...r, name: `AAA ${r.name}` }));
    const after = applyAccountChanges({ ...before, rows: proxy }, renamed, []);

    expect(after.byKey).toBe(byKey);
    expect(keyWrites).toBe(100);
    // One copy of the kept rows, plus a binary search of some 17 probes for each changed row's old
    // and new place: a map of every row's position (100,000 more reads) is not built.
    expect(reads.n).toBeLessThan(n + 100 * 2 * 20);
    // Renamed "AAA …", they sort first; every other row keeps its object.
    expect(new Set(after.rows.slice(0, 100))).toEqual(new Set(renamed));
    expect(after.rows.slice(100).every((r, i) => r === before.rows[100 + i])).toBe(true);
    expect(positionOf(after, `${after.rows[42]!.connectionId}\u0000${after.rows[42]!.id}`)).toBe(42);
    expect(after.byKey.get(`${renamed[5]!.connectionId}\u0000${renamed[5]!.id}`)).toBe(renamed[5]);
  });
});
