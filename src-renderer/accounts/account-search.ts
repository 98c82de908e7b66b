import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { isFiltered, keptPositions, queryWords, rowsAt, sortOrder, type AccountFilter, type AccountIndex, type AccountSort } from './account-filter.js';

export interface SearchAnswer {
  rows: ListedAccount[];
  /** How many rows this answer looked at: the whole list, the previous answer's rows, or none. */
  examined: number;
}

interface Previous {
  index: AccountIndex;
  sort: AccountSort;
  filter: AccountFilter;
  words: readonly string[];
  positions: Int32Array;
  rows: ListedAccount[];
}

/**
 * The list's search as the user types: each answer remembers what it kept, so the next keystroke
 * looks only at those rows when the query only grew (every earlier word is still inside a word of
 * the new query, so nothing outside the previous answer can match), and answers with the very same
 * array when the words did not change (a trailing space), which the table then skips. Anything
 * else (a new copy of the list, another sort or filter, a deleted letter) starts from every row.
 */
export class AccountSearch {
  #previous: Previous | null = null;

  run(index: AccountIndex, filter: AccountFilter, sort: AccountSort): SearchAnswer {
    const words = queryWords(filter.query);
    const previous = this.#previous;
    const comparable = previous !== null && previous.index === index && sameSort(previous.sort, sort) && sameChoices(previous.filter, filter);
    if (comparable && sameWords(previous.words, words)) return { rows: previous.rows, examined: 0 };
    const order = sortOrder(index, sort);
    if (!isFiltered(filter)) {
      const rows = sort.key === 'name' && sort.dir === 'asc' ? index.rows : rowsAt(index, order);
      this.#previous = { index, sort, filter, words, positions: order, rows };
      return { rows, examined: 0 };
    }
    const narrowed = comparable && narrows(previous.words, words);
    const candidates = narrowed ? previous.positions : order;
    const positions = keptPositions(index, filter, words, candidates);
    // Typing on through a word every row holds ("provider …") keeps them all: the same rows, so the same array, which the table skips.
    const rows = narrowed && positions.length === candidates.length ? previous.rows : rowsAt(index, positions);
    this.#previous = { index, sort, filter, words, positions, rows };
    return { rows, examined: candidates.length };
  }
}

/** Every earlier word lies inside some new word, so a row the new query keeps was kept before. */
function narrows(before: readonly string[], now: readonly string[]): boolean {
  return before.every((w) => now.some((n) => n.includes(w)));
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function sameSort(a: AccountSort, b: AccountSort): boolean {
  return a.key === b.key && a.dir === b.dir;
}

/** The same filter apart from the query. */
function sameChoices(a: AccountFilter, b: AccountFilter): boolean {
  return a.connectionId === b.connectionId && a.role === b.role && a.permission === b.permission && a.needsAttention === b.needsAttention && a.show === b.show;
}
