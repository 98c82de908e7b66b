import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, filterAccounts, indexAccounts, NO_FILTER, patchAccounts, accountKey } from '../../../src-renderer/accounts/account-filter.js';
import { AccountSearch } from '../../../src-renderer/accounts/account-search.js';
import { accountRow } from './account-rows.js';

const N = 100_000;
const index = indexAccounts(
  Array.from({ length: N }, (_, i) =>
    accountRow(`${['Bellini', 'Alpen', 'Nord', 'Studio'][i % 4]} ${['Dental', 'Bakery', 'Yoga'][i % 3]} ${i}`, i % 2 ? 'Acme Hosting' : 'Nordhost', {
      id: `acc_${i}`,
      domains: [`site-${i}.example`],
    }),
  ),
);
const query = (q: string) => ({ ...NO_FILTER, query: q });

describe('AccountSearch', () => {
  it('looks only at the previous answer’s rows while the query grows, and finds what a full filter finds', () => {
    const search = new AccountSearch();
    const examined: number[] = [];
    for (const q of ['b', 'be', 'bel', 'bell', 'bellini', 'bellini d', 'bellini de']) {
      const answer = search.run(index, query(q), DEFAULT_SORT);
      examined.push(answer.examined);
      expect(answer.rows).toEqual(filterAccounts(index, query(q)));
    }
    // The first letter looks at every row; each later one only at what the letter before kept.
    expect(examined[0]).toBe(N);
    const kept = ['b', 'be', 'bel', 'bell', 'bellini', 'bellini d'].map((q) => filterAccounts(index, query(q)).length);
    expect(examined.slice(1)).toEqual(kept);
    expect(examined.slice(1).every((n) => n < N)).toBe(true);
  });

  it('answers with the same array when the words did not change, and starts over when they no longer narrow', () => {
    const search = new AccountSearch();
    const first = search.run(index, query('alpen yoga'), DEFAULT_SORT);
    const spaced = search.run(index, query('alpen yoga '), DEFAULT_SORT);
    expect(spaced.rows).toBe(first.rows);
    expect(spaced.examined).toBe(0);
    // A deleted letter, another filter or another index may bring back rows: every row is looked at.
    expect(search.run(index, query('alpen yog'), DEFAULT_SORT).examined).toBe(N);
    expect(search.run(index, { ...query('alpen yoga'), connectionId: 'c1' }, DEFAULT_SORT).examined).toBe(N);
    const patched = patchAccounts(index, new Map([[accountKey(index.rows[0]!), { favourite: true }]]));
    const again = search.run(patched, { ...query('alpen yoga'), connectionId: 'c1' }, DEFAULT_SORT);
    expect(again.examined).toBe(N);
    expect(again.rows).toEqual(filterAccounts(patched, { ...query('alpen yoga'), connectionId: 'c1' }));
  });

  it('answers with the same array while typing on through a word every row it held still holds', () => {
    const search = new AccountSearch();
    // Every row's domain has "site-" and "example": typing either keeps all of them.
    let before = search.run(index, query('s'), DEFAULT_SORT);
    for (const q of ['si', 'sit', 'site', 'site-', 'site-1']) {
      const answer = search.run(index, query(q), DEFAULT_SORT);
      expect(answer.rows).toEqual(filterAccounts(index, query(q)));
      if (answer.rows.length === before.rows.length) expect(answer.rows).toBe(before.rows);
      else expect(answer.rows).not.toBe(before.rows);
      before = answer;
    }
    // "site" kept all 100,000; "site-1" fewer: the array was shared exactly while nothing left.
    expect(filterAccounts(index, query('site')).length).toBe(N);
    expect(before.rows.length).toBeLessThan(N);
  });

  it('answers a one-letter word from the masks alone, as a text search would', () => {
    for (const q of ['b', 'q', 'y d', 'z', 'k 7'])
      expect(filterAccounts(index, query(q))).toEqual(
        index.rows.filter((r) => q.split(' ').every((w) => `${r.name}\n${r.providerLabel}\n${r.domains.join('\n')}`.toLowerCase().includes(w))),
      );
  });

  it('keeps the sort order while narrowing', () => {
    const search = new AccountSearch();
    const sort = { key: 'name', dir: 'desc' } as const;
    search.run(index, query('nord'), sort);
    const narrowed = search.run(index, query('nord b'), sort);
    expect(narrowed.examined).toBeLessThan(N);
    expect(narrowed.rows).toEqual(filterAccounts(index, query('nord b'), sort));
  });
});

describe('letter masks', () => {
  it('reject only rows that lack a letter or digit of the query, accents and other scripts left to the text search', async () => {
    const { letterMask } = await import('../../../src-renderer/accounts/account-lookup.js');
    const local = indexAccounts([accountRow('Café Lumière', 'Nordhost'), accountRow('Piekarnia Łódź 7', 'Nordhost'), accountRow('Zeta', 'Acme Hosting')]);
    expect(letterMask('cafe') & ~letterMask('cafe lumiere\nnordhost')).toBe(0);
    for (const [q, names] of [
      ['lumiere', ['Café Lumière']],
      ['łódź', ['Piekarnia Łódź 7']],
      ['7', ['Piekarnia Łódź 7']],
      ['6', []],
      ['zeta acme', ['Zeta']],
    ] as const)
      expect(filterAccounts(local, query(q)).map((r) => r.name)).toEqual(names);
  });
});
