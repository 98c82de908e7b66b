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

  const keptRows: ListedAccount[] = [];
  const keptHays: string[] = [];
  for (let i = 0; i < index.rows.length; i++) {
    if (gone.has(i)) continue;
    keptRows.push(index.rows[i]!);
    keptHays.push(index.haystacks[i]!);
  }
  const placed = [...incoming.values()].map((row) => ({ row, ...orderOf(row) }));
  placed.sort((a, b) => compareOrder(a, b));
  // Where each changed row goes among the kept ones, by the same order indexAccounts sorts in.
  const slots = placed.map((p) => insertionPoint(keptRows, p));

  const n = keptRows.length + placed.length;
  const rows = new Array<ListedAccount>(n);
  const haystacks = new Array<string>(n);
  let kept = 0;
  let out = 0;
  for (let p = 0; p <= placed.length; p++) {
    const until = p < placed.length ? slots[p]! : keptRows.length;
    for (; kept < until; kept++, out++) {
      rows[out] = keptRows[kept]!;
      haystacks[out] = keptHays[kept]!;
    }
    if (p < placed.length) {
      rows[out] = placed[p]!.row;
      haystacks[out] = placed[p]!.hay;
      out++;
    }
  }
  const positions = new Map<string, number>();
  const sourcePositions = new Int32Array(n);
  let attention = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    positions.set(accountKey(row), i);
    sourcePositions[i] = i;
    if (needsAttention(row)) attention++;
  }
  // The source is now the index's own order: a later full copy from main is indexed afresh.
  return { rows, haystacks, positions, orders: new Map(), source: rows, sourcePositions, attention };
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
