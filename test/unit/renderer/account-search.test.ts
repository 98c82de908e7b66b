import { describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import {
  accountKey,
  DEFAULT_SORT,
  foldText,
  indexAccounts,
  NO_FILTER,
  passesChoices,
  patchAccounts,
  sortOrder,
  type AccountFilter,
  type AccountIndex,
  type AccountSort,
} from '../../../src-renderer/accounts/account-filter.js';
import { letterMask, writePairs } from '../../../src-renderer/accounts/account-lookup.js';
import { AccountSearch } from '../../../src-renderer/accounts/account-search.js';
import { accountRow, searchRows } from './account-rows.js';

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

/** The search written the plain way: every row in the asked order, each word looked for in its folded name, provider and domains. */
function plainSearch(index: AccountIndex, filter: AccountFilter, sort: AccountSort = DEFAULT_SORT): ListedAccount[] {
  const words = foldText(filter.query).split(/\s+/).filter(Boolean);
  return Array.from(sortOrder(index, sort), (at) => index.rows[at]!).filter(
    (r) => passesChoices(r, filter) && words.every((w) => foldText(`${r.name}\n${r.providerLabel}\n${r.domains.join('\n')}`).includes(w)),
  );
}

/** Counts the `Int32Array`s made of at least `length` numbers while `run` runs: the buffers a keystroke would allocate. */
function int32ArraysMade(length: number, run: () => void): number {
  const Real = globalThis.Int32Array;
  let made = 0;
  class Counting extends Real {
    constructor(...args: unknown[]) {
      super(...(args as [number]));
      if (typeof args[0] === 'number' && args[0] >= length) made++;
    }
  }
  globalThis.Int32Array = Counting as Int32ArrayConstructor;
  try {
    run();
  } finally {
    globalThis.Int32Array = Real;
  }
  return made;
}

/** Counts, by word, the searches of a row's text (`String.prototype.includes` on a text of several lines) made while `run` runs. */
function textSearches(run: () => void): Map<string, number> {
  const includes = String.prototype.includes;
  const searched = new Map<string, number>();
  String.prototype.includes = function (this: string, word: string, position?: number) {
    if (this.indexOf('\n') >= 0) searched.set(word, (searched.get(word) ?? 0) + 1);
    return includes.call(this, word, position);
  };
  try {
    run();
  } finally {
    String.prototype.includes = includes;
  }
  return searched;
}

/** Whether row `at` of the test's index passes a word's letter mask and pair mask: the rows whose text a search reads. */
function holdsLettersAndPairs(at: number, word: string): boolean {
  const letters = letterMask(word);
  const pair = new Int32Array(2);
  writePairs(word, pair, 0);
  return (index.masks[at]! & letters) === letters && (index.pairs[2 * at]! & pair[0]!) === pair[0] && (index.pairs[2 * at + 1]! & pair[1]!) === pair[1];
}

describe('AccountSearch', () => {
  it('looks only at the previous answer’s rows while the query grows, and finds what a plain search finds', () => {
    const search = new AccountSearch();
    const examined: number[] = [];
    const kept: number[] = [];
    for (const q of ['b', 'be', 'bel', 'bell', 'bellini', 'bellini d', 'bellini de']) {
      const answer = search.run(index, query(q), DEFAULT_SORT);
      examined.push(answer.examined);
      kept.push(answer.rows.length);
      expect(answer.rows).toEqual(plainSearch(index, query(q)));
    }
    // The first letter looks at every row; each later one only at what the letter before kept.
    expect(examined[0]).toBe(N);
    expect(examined.slice(1)).toEqual(kept.slice(0, -1));
    expect(examined.slice(1).every((n) => n < N)).toBe(true);
  });

  it('searches a row’s text only for words its provider’s label and the previous answer did not vouch for, and a one-letter word not at all', () => {
    const search = new AccountSearch();
    const first = textSearches(() => search.run(index, query('nordhost'), DEFAULT_SORT));
    const kept = search.run(index, query('nordhost'), DEFAULT_SORT).rows.length;
    // The Nordhost rows hold it in their label, found once; the others are searched only when their letters and pairs of letters pass.
    const searchable = index.rows.filter((r, at) => r.providerLabel !== 'Nordhost' && holdsLettersAndPairs(at, 'nordhost')).length;
    expect(first.get('nordhost') ?? 0).toBe(searchable);
    expect(searchable).toBeLessThan(N / 2);
    const added = textSearches(() => search.run(index, query('nordhost 7'), DEFAULT_SORT));
    expect(added.get('nordhost')).toBeUndefined();
    expect(added.get('7')).toBeLessThanOrEqual(kept);
    expect(search.run(index, query('nordhost 7'), DEFAULT_SORT).rows).toEqual(plainSearch(index, query('nordhost 7')));
    // A letter alone is told by the masks, a word inside an earlier one by the earlier answer.
    const fresh = new AccountSearch();
    expect(textSearches(() => fresh.run(index, query('y'), DEFAULT_SORT)).size).toBe(0);
    fresh.run(index, query('yoga'), DEFAULT_SORT);
    expect(textSearches(() => fresh.run(index, query('yoga og'), DEFAULT_SORT)).size).toBe(0);
  });

  it('searches the text only of rows holding both the letters and the pairs of letters of a word', () => {
    // "al": both letters in most rows ("dental", "example", "alpen"…), the pair in fewer.
    const wanted = letterMask('al');
    const lettered = index.masks.filter((m) => (m & wanted) === wanted).length;
    const paired = index.rows.filter((_, at) => holdsLettersAndPairs(at, 'al')).length;
    const searches = textSearches(() => new AccountSearch().run(index, query('al'), DEFAULT_SORT));
    expect(searches.get('al')).toBe(paired);
    expect(paired).toBeLessThan(lettered);
    expect(new AccountSearch().run(index, query('al'), DEFAULT_SORT).rows).toEqual(plainSearch(index, query('al')));
  });

  it('makes no position buffer of the list’s length after its first pass, and no row array when it keeps every row', () => {
    const search = new AccountSearch();
    search.run(index, query('x'), DEFAULT_SORT);
    const answers: ListedAccount[][] = [];
    // Full passes (a first letter, a deleted letter, a word every row holds) and narrowing ones.
    const made = int32ArraysMade(N, () => {
      for (const q of ['s', 'si', 'site', 'site-7', 'site-', 'b', 'be', 'a', 'alpen yoga', 'alpen yog', 'e'])
        answers.push(search.run(index, query(q), DEFAULT_SORT).rows);
    });
    expect(made).toBe(0);
    // "s", "si", "site", "site-" and "e" keep all 100,000 rows: each answer is the index's own array.
    for (const i of [0, 1, 2, 4, 10]) expect(answers[i]).toBe(index.rows);
  });

  // A plain search of 2,000 rows at each of 400 steps takes seconds on a loaded machine: hence the longer timeout.
  it('answers exactly as a plain search does over random typing on a random list', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const syllables = ['an', 'bel', 'ca', 'dé', 'lo', 'ni', 'or', 'st', 'ü', 'z', '7', '-'];
    const word = () => Array.from({ length: 1 + random(3) }, () => syllables[random(syllables.length)]).join('');
    const rows = Array.from({ length: 2_000 }, (_, i) =>
      accountRow(`${word()} ${word()}`, ['Acme Hosting', 'Nordhost', 'Provider 7'][random(3)]!, {
        id: `acc_${i}`,
        connectionId: `c${random(3)}`,
        role: (['owner', 'admin', 'member'] as const)[random(3)]!,
        favourite: random(4) === 0,
        domains: random(2) ? [`${word()}.example`] : [],
      }),
    );
    const local = indexAccounts(rows);
    const keys = 'abcdelnorstz7- ü'.split('');
    const sorts: AccountSort[] = [DEFAULT_SORT, { key: 'name', dir: 'desc' }, { key: 'provider', dir: 'asc' }];
    const search = new AccountSearch();
    let filter: AccountFilter = NO_FILTER;
    let sort = DEFAULT_SORT;
    for (let step = 0; step < 400; step++) {
      const move = random(20);
      if (move < 12) filter = { ...filter, query: filter.query + keys[random(keys.length)] };
      else if (move < 16) filter = { ...filter, query: filter.query.slice(0, -1) };
      else if (move === 16) filter = { ...filter, query: '' };
      else if (move === 17) filter = { ...filter, connectionId: random(2) ? `c${random(3)}` : null };
      else if (move === 18) filter = { ...filter, show: random(2) ? 'favourites' : 'all' };
      else sort = sorts[random(sorts.length)]!;
      expect(search.run(local, filter, sort).rows, `step ${step}: “${filter.query}”`).toEqual(plainSearch(local, filter, sort));
    }
  }, 30_000);

  it('answers with the same array when the words did not change, and starts over when they no longer narrow', () => {
    const search = new AccountSearch();
    const first = search.run(index, query('alpen yoga'), DEFAULT_SORT);
    const spaced = search.run(index, query('alpen yoga '), DEFAULT_SORT);
    expect(spaced.rows).toBe(first.rows);
    expect(spaced.examined).toBe(0);
    // A deleted letter, another filter or another index may bring back rows: every row is looked at.
    expect(search.run(index, query('alpen yog'), DEFAULT_SORT).examined).toBe(N);
    // The connection is chosen once for the query's keystrokes: the rows of the other one are not looked at again.
    expect(search.run(index, { ...query('alpen yoga'), connectionId: 'c1' }, DEFAULT_SORT).examined).toBe(N / 2);
    const patched = patchAccounts(index, new Map([[accountKey(index.rows[0]!), { favourite: true }]]));
    const again = search.run(patched, { ...query('alpen yoga'), connectionId: 'c1' }, DEFAULT_SORT);
    expect(again.examined).toBe(N / 2);
    expect(again.rows).toEqual(plainSearch(patched, { ...query('alpen yoga'), connectionId: 'c1' }));
  });

  it('answers with the same array while typing on through a word every row it held still holds', () => {
    const search = new AccountSearch();
    // Every row's domain has "site-" and "example": typing either keeps all of them.
    let before = search.run(index, query('s'), DEFAULT_SORT);
    for (const q of ['si', 'sit', 'site', 'site-', 'site-1']) {
      const answer = search.run(index, query(q), DEFAULT_SORT);
      expect(answer.rows).toEqual(plainSearch(index, query(q)));
      if (answer.rows.length === before.rows.length) expect(answer.rows).toBe(before.rows);
      else expect(answer.rows).not.toBe(before.rows);
      before = answer;
    }
    // "site" kept all 100,000; "site-1" fewer: the array was shared exactly while nothing left.
    expect(searchRows(index, query('site')).length).toBe(N);
    expect(before.rows.length).toBeLessThan(N);
  });

  it('answers a one-letter word from the masks alone, as a text search would', () => {
    for (const q of ['b', 'q', 'y d', 'z', 'k 7'])
      expect(searchRows(index, query(q))).toEqual(
        index.rows.filter((r) => q.split(' ').every((w) => `${r.name}\n${r.providerLabel}\n${r.domains.join('\n')}`.toLowerCase().includes(w))),
      );
  });

  it('keeps the sort order while narrowing', () => {
    const search = new AccountSearch();
    const sort = { key: 'name', dir: 'desc' } as const;
    search.run(index, query('nord'), sort);
    const narrowed = search.run(index, query('nord b'), sort);
    expect(narrowed.examined).toBeLessThan(N);
    expect(narrowed.rows).toEqual(plainSearch(index, query('nord b'), sort));
  });
});

describe('letter masks', () => {
  it('reject only rows that lack a letter or digit of the query, accents and other scripts left to the text search', () => {
    const local = indexAccounts([accountRow('Café Lumière', 'Nordhost'), accountRow('Piekarnia Łódź 7', 'Nordhost'), accountRow('Zeta', 'Acme Hosting')]);
    expect(letterMask('cafe') & ~letterMask('cafe lumiere\nnordhost')).toBe(0);
    for (const [q, names] of [
      ['lumiere', ['Café Lumière']],
      ['łódź', ['Piekarnia Łódź 7']],
      ['7', ['Piekarnia Łódź 7']],
      ['6', []],
      ['zeta acme', ['Zeta']],
    ] as const)
      expect(searchRows(local, query(q)).map((r) => r.name)).toEqual(names);
  });
});
