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

/**
 * One version of main's list, its order worked out in two steps: a renderer that starts asks for
 * the first 200 rows, and picking the 200 that sort first out of 100,000 is one pass over their
 * places, where sorting them all took about 300 ms before the first screen could show. The whole
 * order is sorted once, when a window past those rows (or a merge) needs it, from the same places.
 * Both steps use one order (place, then main's list order), so the first rows are the first rows
 * of the whole order, and every window of this version fits the ones before it.
 */
export class ListOrder {
  #sorted: SortedList | null = null;
  #picked: { count: number; rows: ListedAccount[] } | null = null;

  private constructor(
    readonly version: number,
    private readonly listed: readonly ListedAccount[],
    private readonly places: string[],
  ) {}

  /** Each row's place worked out once (a read of each row); nothing sorted yet. */
  static of({ version, rows }: { version: number; rows: readonly ListedAccount[] }): ListOrder {
    return new ListOrder(version, rows, rows.map(orderKey));
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
    const places = this.places;
    const order = this.listed.map((_, i) => i).sort((a, b) => compareOrderKeys(places[a]!, places[b]!) || a - b);
    this.#sorted = { version: this.version, rows: order.map((i) => this.listed[i]!), places: order.map((i) => places[i]!) };
    this.#picked = null;
    return this.#sorted;
  }

  /** The `count` rows that sort first, in order, without sorting the rest. */
  #first(count: number): ListedAccount[] {
    if (this.#picked && this.#picked.count >= count) return this.#picked.rows;
    const picked = { count, rows: firstPlaces(this.places, count).map((i) => this.listed[i]!) };
    this.#picked = picked;
    return picked.rows;
  }
}

/**
 * The indexes of the `count` smallest places (equal places by index), in order: a max-heap of the
 * best `count` seen so far, so each further place costs one comparison with the heap's top.
 */
export function firstPlaces(places: readonly string[], count: number): number[] {
  const after = (a: number, b: number) => places[a]! > places[b]! || (places[a] === places[b] && a > b);
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
  for (let i = 0; i < places.length && count > 0; i++) {
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
  return heap.sort((a, b) => compareOrderKeys(places[a]!, places[b]!) || a - b);
}
