import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { hasChoices, passesChoices, queryWords, sameChoices, sortOrder, type AccountFilter, type AccountIndex, type AccountSort } from './account-filter.js';
import { writeHolding } from './account-lookup.js';

export interface SearchAnswer {
  rows: ListedAccount[];
  /** How many rows this answer looked at: the whole list, the previous answer's rows, or none. */
  examined: number;
}

/** The rows a query is searched among: the index in the asked order, less those the filter's choices leave out. */
interface Base {
  index: AccountIndex;
  sort: AccountSort;
  filter: AccountFilter;
  positions: Int32Array;
  /** The rows at `positions`, made only when an answer keeps them all. */
  rows: ListedAccount[] | null;
}

interface Answer {
  base: Base;
  words: readonly string[];
  /** A view of the search's buffer (or the base's positions): valid until the next pass writes over it. */
  positions: Int32Array;
  rows: ListedAccount[];
}

/**
 * The list's search as the user types. Each answer remembers what it kept, so the next keystroke
 * looks only at those rows when the query only grew (every earlier word is still inside a word of
 * the new query, so nothing outside the previous answer can match), and searches only the words
 * the previous answer did not already vouch for ("provider 7" after "provider": only "7"). The
 * same words (a trailing space) answer with the very same array, which the table then skips. A new
 * copy of the list, another sort or filter choice, or a deleted letter starts from every row.
 *
 * What a keystroke allocates is the kept rows' array, no more: the kept positions are written to
 * one buffer of the list's length that the search keeps from pass to pass, and the filter's
 * choices (provider, role, …) are applied once per choice, not on every keystroke, so a pass
 * reads only masks, provider numbers and search texts. The buffer is the search's, not the
 * index's: the index is shared by everything reading the store, and two searches would write over
 * each other.
 */
export class AccountSearch {
  #base: Base | null = null;
  #previous: Answer | null = null;
  #buffer = new Int32Array(0);

  run(index: AccountIndex, filter: AccountFilter, sort: AccountSort): SearchAnswer {
    const words = queryWords(filter.query);
    const base = this.#baseFor(index, filter, sort);
    const previous = this.#previous?.base === base ? this.#previous : null;
    if (previous && sameWords(previous.words, words)) return { rows: previous.rows, examined: 0 };
    // No word, or words that no longer narrow: the base itself is where the search starts.
    const from = previous && narrows(previous.words, words) ? previous : { base, words: [], positions: base.positions, rows: null };
    // Each earlier word holds for every row the previous answer kept, and so does any word inside one of them.
    const unknown = words.filter((w) => !from.words.some((known) => known.includes(w)));
    if (unknown.length === 0) return this.#answer({ base, words, positions: from.positions, rows: from.rows ?? baseRows(base) }, 0);
    const out = this.#bufferFor(index.rows.length);
    const kept = writeHolding(index, unknown, from.positions, out);
    const positions = out.subarray(0, kept);
    // Typing on through a word every row holds ("provider …") keeps them all: the same rows, so the same array.
    const rows = kept === from.positions.length ? (from.rows ?? baseRows(base)) : rowsAt(index, positions);
    return this.#answer({ base, words, positions, rows }, from.positions.length);
  }

  #answer(answer: Answer, examined: number): SearchAnswer {
    this.#previous = answer;
    return { rows: answer.rows, examined };
  }

  #baseFor(index: AccountIndex, filter: AccountFilter, sort: AccountSort): Base {
    const held = this.#base;
    if (held && held.index === index && sameSort(held.sort, sort) && sameChoices(held.filter, filter)) return held;
    const order = sortOrder(index, sort);
    let positions = order;
    if (hasChoices(filter)) {
      const out = this.#bufferFor(order.length);
      let kept = 0;
      for (let i = 0; i < order.length; i++) if (passesChoices(index.rows[order[i]!]!, filter)) out[kept++] = order[i]!;
      // A copy of what was kept, so the buffer stays free for the keystrokes.
      positions = out.slice(0, kept);
    }
    const rows = positions === order && sort.key === 'name' && sort.dir === 'asc' ? index.rows : null;
    this.#base = { index, sort, filter, positions, rows };
    return this.#base;
  }

  /** The buffer, grown with room to spare when the list outgrew it (a sync adds a few rows at a time). */
  #bufferFor(length: number): Int32Array {
    if (this.#buffer.length < length) this.#buffer = new Int32Array(length + (length >> 3));
    return this.#buffer;
  }
}

function baseRows(base: Base): ListedAccount[] {
  base.rows ??= rowsAt(base.index, base.positions);
  return base.rows;
}

/** The rows at these positions of the index, in that order. */
function rowsAt(index: AccountIndex, positions: Int32Array): ListedAccount[] {
  const out = new Array<ListedAccount>(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = index.rows[positions[i]!]!;
  return out;
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
