import type { ListedAccount, ListedAccountKey } from '../../src-shared/ipc/channels/accounts.js';
import { accountKey, indexAccounts, needsAttention, type AccountIndex } from './account-filter.js';
import { foldText, orderKey } from '../../src-shared/ipc/account-order.js';
import { letterMask, positionIn, providerNumber, searchOrder, searchText, writePairs } from './account-lookup.js';

/** Past this many changed rows, sorting everything again is as cheap as placing each one. */
const PLACED_AT_MOST = 2_000;

/**
 * The index after main's changes (`accounts.changes`): rows removed, rows changed or added put in
 * their sorted place, and every other row the very same object at the same relative place, so the
 * list's row components skip them. Only the changed rows are folded for search again, and only
 * they are looked up: each old row is found by a binary search on its order, and the key map is
 * taken over and updated in place (`AccountIndex.byKey`), so nothing of size 100,000 is built but
 * the arrays of the new order. Sort orders other than by name are worked out anew on first use.
 */
export function applyAccountChanges(index: AccountIndex, upserted: readonly ListedAccount[], removed: readonly ListedAccountKey[]): AccountIndex {
  if (upserted.length === 0 && removed.length === 0) return index;
  const goneRows = new Set<ListedAccount>();
  for (const key of removed) {
    const old = index.byKey.get(accountKey(key));
    if (old) goneRows.add(old);
  }
  const incoming = new Map<string, ListedAccount>();
  for (const row of upserted) {
    const key = accountKey(row);
    incoming.set(key, row);
    const old = index.byKey.get(key);
    if (old) goneRows.add(old);
  }
  if (incoming.size + goneRows.size > PLACED_AT_MOST) return indexAccounts(mergedRows(index, goneRows, incoming), index.providers);

  const gone = goneSlots(index, goneRows);
  const placed = [...incoming.values()].map((row) => placing(row));
  placed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Where each changed row goes, by the same order indexAccounts sorts in. The old rows are still
  // in that order (a changed row sits where its old values put it, and is dropped on the way), so
  // the search runs on them directly, with no copy of the kept rows first.
  const slots = placed.map((p) => searchOrder(index.orderKeys, p.key, true));

  // The new order as runs of kept rows between the changes, each copied by the engine (slice,
  // concat, set) rather than row by row in script: the same speed on the first change after a
  // start as on the hundredth.
  const n = index.rows.length - gone.length + placed.length;
  const rows: ListedAccount[][] = [];
  const haystacks: string[][] = [];
  const orderKeys: string[][] = [];
  const masks = new Int32Array(n);
  const pairs = new Int32Array(2 * n);
  const providerOf = new Int32Array(n);
  let filled = 0;
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    rows.push(index.rows.slice(from, to));
    haystacks.push(index.haystacks.slice(from, to));
    orderKeys.push(index.orderKeys.slice(from, to));
    masks.set(index.masks.subarray(from, to), filled);
    pairs.set(index.pairs.subarray(2 * from, 2 * to), 2 * filled);
    providerOf.set(index.providerOf.subarray(from, to), filled);
    filled += to - from;
  };
  let old = 0;
  let nextGone = 0;
  for (let p = 0; p <= placed.length; p++) {
    const until = p < placed.length ? slots[p]! : index.rows.length;
    for (; nextGone < gone.length && gone[nextGone]! < until; nextGone++) {
      keep(old, gone[nextGone]!);
      old = gone[nextGone]! + 1;
    }
    keep(old, until);
    old = Math.max(old, until);
    if (p < placed.length) {
      const { row, hay, key } = placed[p]!;
      rows.push([row]);
      haystacks.push([hay]);
      orderKeys.push([key]);
      masks[filled] = letterMask(hay);
      writePairs(hay, pairs, filled);
      providerOf[filled++] = providerNumber(index.providers, row.providerLabel);
    }
  }
  const byKey = index.byKey;
  for (const key of removed) byKey.delete(accountKey(key));
  for (const [key, row] of incoming) byKey.set(key, row);
  let attention = index.attention;
  for (const row of goneRows) if (needsAttention(row)) attention--;
  for (const p of placed) if (needsAttention(p.row)) attention++;
  return {
    rows: ([] as ListedAccount[]).concat(...rows),
    haystacks: ([] as string[]).concat(...haystacks),
    masks,
    pairs,
    providerOf,
    providers: index.providers,
    orderKeys: ([] as string[]).concat(...orderKeys),
    byKey,
    orders: new Map(),
    attention,
  };
}

/** The old positions of the rows that leave, ascending, each found by a binary search. */
function goneSlots(index: AccountIndex, goneRows: ReadonlySet<ListedAccount>): Int32Array {
  const at: number[] = [];
  for (const row of goneRows) {
    const position = positionIn(index.rows, index.orderKeys, row);
    if (position !== undefined) at.push(position);
  }
  return Int32Array.from(at).sort();
}

interface Placed {
  row: ListedAccount;
  hay: string;
  key: string;
}

function placing(row: ListedAccount): Placed {
  return { row, hay: searchText(foldText(row.name), foldText(row.providerLabel), row.domains), key: orderKey(row) };
}

function mergedRows(index: AccountIndex, goneRows: ReadonlySet<ListedAccount>, incoming: ReadonlyMap<string, ListedAccount>): ListedAccount[] {
  const rows = index.rows.filter((row) => !goneRows.has(row));
  rows.push(...incoming.values());
  return rows;
}
