import type { ListedAccount, ListedAccountKey } from '../../src-shared/ipc/channels/accounts.js';
import { accountKey, foldText, indexAccounts, needsAttention, sortKey, type AccountIndex } from './account-filter.js';

/** Past this many changed rows, sorting everything again is as cheap as placing each one. */
const PLACED_AT_MOST = 2_000;

/**
 * The index after main's changes (`accounts.changes`): rows removed, rows changed or added put in
 * their sorted place, and every other row the very same object at the same relative place, so the
 * list's row components skip them. Only the changed rows are folded for search again; sort orders
 * other than by name are worked out anew on first use.
 */
export function applyAccountChanges(index: AccountIndex, upserted: readonly ListedAccount[], removed: readonly ListedAccountKey[]): AccountIndex {
  if (upserted.length === 0 && removed.length === 0) return index;
  const gone = new Set<number>();
  for (const key of removed) {
    const at = index.positions.get(accountKey(key));
    if (at !== undefined) gone.add(at);
  }
  const incoming = new Map<string, ListedAccount>();
  for (const row of upserted) {
    const key = accountKey(row);
    incoming.set(key, row);
    const at = index.positions.get(key);
    if (at !== undefined) gone.add(at);
  }
  if (incoming.size + gone.size > PLACED_AT_MOST) return indexAccounts(mergedRows(index, gone, incoming));

  const placed = [...incoming.values()].map((row) => ({ row, ...orderOf(row) }));
  placed.sort((a, b) => compareOrder(a, b));
  // Where each changed row goes, by the same order indexAccounts sorts in. The old rows are still
  // in that order (a changed row sits where its old values put it, and is dropped on the way), so
  // the search runs on them directly, with no copy of the kept rows first.
  const slots = placed.map((p) => insertionPoint(index.rows, p));

  const n = index.rows.length - gone.size + placed.length;
  const rows = new Array<ListedAccount>(n);
  const haystacks = new Array<string>(n);
  let old = 0;
  let out = 0;
  for (let p = 0; p <= placed.length; p++) {
    const until = p < placed.length ? slots[p]! : index.rows.length;
    for (; old < until; old++) {
      if (gone.has(old)) continue;
      rows[out] = index.rows[old]!;
      haystacks[out] = index.haystacks[old]!;
      out++;
    }
    if (p < placed.length) {
      rows[out] = placed[p]!.row;
      haystacks[out] = placed[p]!.hay;
      out++;
    }
  }
  const sourcePositions = new Int32Array(n);
  for (let i = 0; i < n; i++) sourcePositions[i] = i;
  let attention = index.attention;
  for (const at of gone) if (needsAttention(index.rows[at]!)) attention--;
  for (const p of placed) if (needsAttention(p.row)) attention++;
  // The source is now the index's own order: a later full copy from main is indexed afresh.
  return { rows, haystacks, ...lazyPositions(rows), orders: new Map(), source: rows, sourcePositions, attention };
}

/**
 * Where each row is, worked out on first use instead of with every change: the list shows the
 * change without it, and it is needed only to find a row (a favourite, the next changes), which the
 * store lets happen while the window is idle (`warmPositions`).
 */
function lazyPositions(rows: readonly ListedAccount[]): Pick<AccountIndex, 'positions'> {
  let positions: Map<string, number> | null = null;
  return {
    get positions() {
      if (!positions) {
        positions = new Map();
        for (let i = 0; i < rows.length; i++) positions.set(accountKey(rows[i]!), i);
      }
      return positions;
    },
  };
}

/** Works out the positions of an index now, if they are not yet. */
export function warmPositions(index: AccountIndex): void {
  void index.positions.size;
}

interface Order {
  key: string;
  provider: string;
  hay: string;
}

function orderOf(row: ListedAccount): Order {
  const name = foldText(row.name);
  const provider = foldText(row.providerLabel);
  const hay = row.domains.length === 0 ? `${name}\n${provider}` : `${name}\n${provider}\n${foldText(row.domains.join('\n'))}`;
  return { key: sortKey(name), provider, hay };
}

function compareOrder(a: Pick<Order, 'key' | 'provider'>, b: Pick<Order, 'key' | 'provider'>): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  return 0;
}

/** The first kept row that sorts after `order` (equal ones stay before it); folds only the rows it probes. */
function insertionPoint(rows: readonly ListedAccount[], order: Order): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = rows[mid]!;
    const probe = { key: sortKey(foldText(row.name)), provider: foldText(row.providerLabel) };
    if (compareOrder(probe, order) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergedRows(index: AccountIndex, gone: ReadonlySet<number>, incoming: ReadonlyMap<string, ListedAccount>): ListedAccount[] {
  const rows = index.rows.filter((_, i) => !gone.has(i));
  rows.push(...incoming.values());
  return rows;
}
