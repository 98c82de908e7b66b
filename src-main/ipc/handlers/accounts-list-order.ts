import { compareOrderKeys, orderKey } from '../../../src-shared/ipc/account-order.js';
import type { AccountWindow, ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';

/** One version of the list in its default order: the rows in order, each row's place beside it. */
export interface SortedList {
  version: number;
  rows: ListedAccount[];
  places: string[];
}

/**
 * A window this far into the list is picked out of the unsorted rows (a bounded heap, one pass);
 * one further in needs the whole order. The first screen asks for 200 rows.
 */
const PICKED_AT_MOST = 1_000;

/** A place's first character that its name does not tell: the place is worked out to know it. */
export const START_UNKNOWN = -1;

/**
 * The first character of a row's place, read off its name alone where it can be: a name starting
 * with a plain ASCII character other than a digit starts its place with that character, lower-cased
 * (`account-order.ts`: folding and number keys change neither). Any other: START_UNKNOWN.
 */
export function placeStart(name: string): number {
  const c = name.charCodeAt(0);
  if (!(c < 128) || (c >= 48 && c <= 57)) return START_UNKNOWN;
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** One version of the list as the log hands it out: its rows and, where it knows them, each row's `placeStart`. */
export interface ListedVersion {
  version: number;
  rows: readonly ListedAccount[];
  /** Beside `rows`; without it, each row's name is read for it. */
  starts?: Int32Array;
}

/**
 * One version of main's list, its order worked out in two steps: a renderer that starts asks for
 * the first 200 rows, and picking the 200 that sort first out of 100,000 needs neither a sort of
 * them all (about 300 ms before the first screen could show) nor every row's place (`orderKey`,
 * about as long again): each row's first letter tells which rows can be among the first, and only
 * theirs are worked out and picked. The whole order is sorted once, when a window past those rows
 * (or a merge) needs it, with the places already worked out kept. Both steps use one order (place,
 * then main's list order), so the first rows are the first rows of the whole order, and every
 * window of this version fits the ones before it.
 */
export class ListOrder {
  #sorted: SortedList | null = null;
  #picked: { count: number; rows: ListedAccount[] } | null = null;

  private constructor(
    readonly version: number,
    private readonly listed: readonly ListedAccount[],
    /** Each row's place, worked out when first needed. */
    private readonly places: (string | undefined)[],
    private readonly starts?: Int32Array,
  ) {}

  /** Nothing worked out yet: the first window or the whole order does what it needs. */
  static of({ version, rows, starts }: ListedVersion): ListOrder {
    return new ListOrder(version, rows, new Array<string | undefined>(rows.length), starts);
  }

  static sorted(list: SortedList): ListOrder {
    const order = new ListOrder(list.version, list.rows, list.places);
    order.#sorted = list;
    return order;
  }

  get total(): number {
    return this.listed.length;
  }

  window(offset: number, limit: number): AccountWindow {
    const end = offset + limit;
    const rows = !this.#sorted && end <= PICKED_AT_MOST ? this.#first(end) : this.whole().rows;
    return { version: this.version, total: this.total, offset, rows: rows.slice(offset, end) };
  }

  /** The whole order, sorted the first time it is needed. */
  whole(): SortedList {
    if (this.#sorted) return this.#sorted;
    const places = this.listed.map((_, i) => this.#place(i));
    const order = this.listed.map((_, i) => i).sort((a, b) => compareOrderKeys(places[a]!, places[b]!) || a - b);
    this.#sorted = { version: this.version, rows: order.map((i) => this.listed[i]!), places: order.map((i) => places[i]!) };
    this.#picked = null;
    return this.#sorted;
  }

  /** The `count` rows that sort first, in order, without sorting the rest. */
  #first(count: number): ListedAccount[] {
    if (this.#picked && this.#picked.count >= count) return this.#picked.rows;
    const candidates = this.#candidates(count);
    const places = new Map(candidates.map((i) => [i, this.#place(i)]));
    const picked = { count, rows: firstPlaces(places, count).map((i) => this.listed[i]!) };
    this.#picked = picked;
    return picked.rows;
  }

  /**
   * The rows whose place starts with one of the lowest first letters that together hold `count`
   * rows: every row after them sorts after all of these. The letter is `placeStart`, from the log
   * when it kept them (no row of the other 100,000 is read: reading each one's name had been most of
   * this step, their objects spread over main's heap), else from the name; where the name does not
   * tell, the place is worked out.
   */
  #candidates(count: number): number[] {
    const n = this.listed.length;
    const first = new Uint16Array(n);
    const rows = new Uint32Array(65_536);
    for (let i = 0; i < n; i++) {
      const start = this.starts ? this.starts[i]! : placeStart(this.listed[i]!.name);
      const letter = start === START_UNKNOWN ? this.#place(i).charCodeAt(0) : start;
      first[i] = letter;
      rows[letter]!++;
    }
    let last = 0;
    for (let held = 0; last < rows.length - 1 && (held += rows[last]!) < count;) last++;
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (first[i]! <= last) candidates.push(i);
    return candidates;
  }

  #place(i: number): string {
    return (this.places[i] ??= orderKey(this.listed[i]!));
  }
}

/**
 * The indexes of the `count` smallest places (equal places by index; `places` by index, in index
 * order), in order: a max-heap of the best `count` seen so far, so each further place costs one
 * comparison with the heap's top.
 */
export function firstPlaces(places: ReadonlyMap<number, string>, count: number): number[] {
  const before = (a: number, b: number) => compareOrderKeys(places.get(a)!, places.get(b)!) || a - b;
  const after = (a: number, b: number) => before(a, b) > 0;
  const heap: number[] = [];
  const siftDown = () => {
    const n = heap.length;
    for (let at = 0; ;) {
      const left = 2 * at + 1;
      if (left >= n) return;
      const child = left + 1 < n && after(heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!after(heap[child]!, heap[at]!)) return;
      [heap[at], heap[child]] = [heap[child]!, heap[at]!];
      at = child;
    }
  };
  for (const i of places.keys()) {
    if (count === 0) break;
    if (heap.length < count) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0;) {
        const up = (at - 1) >> 1;
        if (!after(heap[at]!, heap[up]!)) break;
        [heap[at], heap[up]] = [heap[up]!, heap[at]!];
        at = up;
      }
    } else if (after(heap[0]!, i)) {
      heap[0] = i;
      siftDown();
    }
  }
  return heap.sort(before);
}
