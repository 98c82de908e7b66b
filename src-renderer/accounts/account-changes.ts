import type { ListedAccount, ListedAccountKey } from '../../src-shared/ipc/channels/accounts.js';
import { accountKey, indexAccounts, needsAttention, type AccountIndex } from './account-filter.js';
import { compareOrder, foldText, letterMask, positionIn, rowOrder, searchOrder, searchText, type RowOrder } from './account-order.js';

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
  if (incoming.size + goneRows.size > PLACED_AT_MOST) return indexAccounts(mergedRows(index, goneRows, incoming));

  const gone = goneSlots(index.rows, goneRows);
  const placed = [...incoming.values()].map((row) => placing(row));
  placed.sort(compareOrder);
  // Where each changed row goes, by the same order indexAccounts sorts in. The old rows are still
  // in that order (a changed row sits where its old values put it, and is dropped on the way), so
  // the search runs on them directly, with no copy of the kept rows first.
  const slots = placed.map((p) => searchOrder(index.rows, p, true));

  const n = index.rows.length - gone.length + placed.length;
  const rows = new Array<ListedAccount>(n);
  const haystacks = new Array<string>(n);
  const masks = new Int32Array(n);
  let old = 0;
  let out = 0;
  let nextGone = 0;
  for (let p = 0; p <= placed.length; p++) {
    const until = p < placed.length ? slots[p]! : index.rows.length;
    for (; old < until; old++) {
      if (nextGone < gone.length && gone[nextGone] === old) {
        nextGone++;
        continue;
      }
      rows[out] = index.rows[old]!;
      haystacks[out] = index.haystacks[old]!;
      masks[out] = index.masks[old]!;
      out++;
    }
    if (p < placed.length) {
      rows[out] = placed[p]!.row;
      haystacks[out] = placed[p]!.hay;
      masks[out] = letterMask(placed[p]!.hay);
      out++;
    }
  }
  const byKey = index.byKey;
  for (const key of removed) byKey.delete(accountKey(key));
  for (const [key, row] of incoming) byKey.set(key, row);
  let attention = index.attention;
  for (const row of goneRows) if (needsAttention(row)) attention--;
  for (const p of placed) if (needsAttention(p.row)) attention++;
  // The source is now the index's own order: a later full copy from main is indexed afresh.
  return { rows, haystacks, masks, byKey, orders: new Map(), source: rows, sourcePositions: null, attention };
}

/** The old positions of the rows that leave, ascending, each found by a binary search. */
function goneSlots(rows: readonly ListedAccount[], goneRows: ReadonlySet<ListedAccount>): Int32Array {
  const at: number[] = [];
  for (const row of goneRows) {
    const position = positionIn(rows, row);
    if (position !== undefined) at.push(position);
  }
  return Int32Array.from(at).sort();
}

interface Placed extends RowOrder {
  row: ListedAccount;
  hay: string;
}

function placing(row: ListedAccount): Placed {
  const order = rowOrder(row);
  return { row, hay: searchText(foldText(row.name), order.provider, row.domains), ...order };
}

function mergedRows(index: AccountIndex, goneRows: ReadonlySet<ListedAccount>, incoming: ReadonlyMap<string, ListedAccount>): ListedAccount[] {
  const rows = index.rows.filter((row) => !goneRows.has(row));
  rows.push(...incoming.values());
  return rows;
}
