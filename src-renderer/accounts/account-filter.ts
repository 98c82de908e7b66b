import type { Permission, Role } from '../../src-shared/api/permissions.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { foldText, sortKey } from '../../src-shared/ipc/account-order.js';
import { letterMask, positionIn, providerNumber, providerTexts, searchText, writePairs, type ProviderTexts } from './account-lookup.js';

export type AccountShow = 'all' | 'favourites' | 'recent';

export interface AccountFilter {
  query: string;
  connectionId: string | null;
  role: Role | null;
  permission: Permission | null;
  needsAttention: boolean;
  show: AccountShow;
}

export const NO_FILTER: AccountFilter = { query: '', connectionId: null, role: null, permission: null, needsAttention: false, show: 'all' };

export const SORT_KEYS = ['name', 'provider', 'role', 'services', 'domainsExpiringSoon', 'unpaidInvoices', 'openTickets', 'lastOpened'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface AccountSort {
  key: SortKey;
  dir: SortDirection;
}
export const DEFAULT_SORT: AccountSort = { key: 'name', dir: 'asc' };

// The list's order is main's too (src-shared/ipc/account-order.ts); the palette folds its queries the same way.
export { foldText };

/**
 * The rows sorted by name, each with its folded search text (name, provider, domains) computed
 * once per sync, not per keystroke. Other sort orders are permutations computed on first use and
 * kept, so a keystroke costs one pass over the rows whatever the sort.
 */
export interface AccountIndex {
  rows: ListedAccount[];
  haystacks: string[];
  /** Each search text's `letterMask`, beside it. */
  masks: Int32Array;
  /** Each search text's pairs of characters, two numbers a row (`writePairs`). */
  pairs: Int32Array;
  /** Each row's provider, as its number in `providers`. */
  providerOf: Int32Array;
  /** The providers' folded labels, shared by every index made from this one. */
  providers: ProviderTexts;
  /** Each row's `orderKey`, ascending: where a row is, or goes, is a binary search over these. */
  orderKeys: string[];
  /**
   * Each row by its account key. An index made from another (a change, a patch) takes this map
   * over and updates it in place, so a change of 100 rows never rebuilds 100,000 keys: only the
   * newest index answers lookups. Where a row sits is found by its order (`positionOf`).
   */
  byKey: Map<string, ListedAccount>;
  orders: Map<string, Int32Array>;
  /** How many rows need attention, counted with the data, not on every render. */
  attention: number;
}

/** `providers`: the table of an index these rows join, so a provider keeps its number. */
export function indexAccounts(rows: readonly ListedAccount[], providers = providerTexts()): AccountIndex {
  const n = rows.length;
  const keys = new Array<string>(n);
  const provs = new Array<string>(n);
  const provNumbers = new Int32Array(n);
  const names = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const number = providerNumber(providers, r.providerLabel);
    const provider = providers.folded[number]!;
    const name = foldText(r.name);
    keys[i] = sortKey(name);
    provs[i] = provider;
    provNumbers[i] = number;
    names[i] = name;
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    const pa = provs[a]!;
    const pb = provs[b]!;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a - b;
  });
  const sorted = new Array<ListedAccount>(n);
  const haystacks = new Array<string>(n);
  const masks = new Int32Array(n);
  const pairs = new Int32Array(2 * n);
  const providerOf = new Int32Array(n);
  const orderKeys = new Array<string>(n);
  const byKey = new Map<string, ListedAccount>();
  let attention = 0;
  for (let i = 0; i < n; i++) {
    const at = order[i]!;
    const row = rows[at]!;
    sorted[i] = row;
    // Made here, in the list's order, not before the sort: a search reads the texts in this order,
    // and texts made one after another lie side by side in memory. Rows handed over in another
    // order (main's windows come sorted, a test's rows need not) scanned up to three times slower.
    const hay = searchText(names[at]!, provs[at]!, row.domains);
    haystacks[i] = hay;
    masks[i] = letterMask(hay);
    writePairs(hay, pairs, i);
    providerOf[i] = provNumbers[at]!;
    orderKeys[i] = `${keys[at]!}\u0000${provs[at]!}`;
    byKey.set(accountKey(row), row);
    if (needsAttention(row)) attention++;
  }
  return { rows: sorted, haystacks, masks, pairs, providerOf, providers, orderKeys, byKey, orders: new Map(), attention };
}

/** Changes some rows in place of the list (favourite, last opened) without indexing 50,000 rows again. */
export function patchAccounts(index: AccountIndex, patches: ReadonlyMap<string, Partial<Pick<ListedAccount, 'favourite' | 'lastOpenedAt'>>>): AccountIndex {
  const rows = index.rows.slice();
  let touchedOpened = false;
  for (const [key, patch] of patches) {
    const at = positionOf(index, key);
    if (at === undefined) continue;
    rows[at] = { ...rows[at]!, ...patch };
    index.byKey.set(key, rows[at]);
    if ('lastOpenedAt' in patch) touchedOpened = true;
  }
  const orders = new Map(index.orders);
  if (touchedOpened) for (const k of [...orders.keys()]) if (k.startsWith('lastOpened')) orders.delete(k);
  return { ...index, rows, orders };
}

const ROLE_RANK: Record<Role, number> = { owner: 0, admin: 1, member: 2 };

function compareBy(key: SortKey, rows: readonly ListedAccount[]): (a: number, b: number) => number {
  switch (key) {
    case 'name':
      return (a, b) => a - b;
    case 'provider': {
      // Few providers, many rows: rank the labels once, compare numbers.
      const labels = [...new Set(rows.map((r) => r.providerLabel))].sort(new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }).compare);
      const rank = new Map(labels.map((l, i) => [l, i]));
      return (a, b) => rank.get(rows[a]!.providerLabel)! - rank.get(rows[b]!.providerLabel)!;
    }
    case 'role':
      return (a, b) => ROLE_RANK[rows[a]!.role] - ROLE_RANK[rows[b]!.role];
    case 'lastOpened':
      return (a, b) => (rows[a]!.lastOpenedAt ?? '').localeCompare(rows[b]!.lastOpenedAt ?? '');
    default:
      return (a, b) => rows[a]!.summary[key] - rows[b]!.summary[key];
  }
}

/** Positions of the rows in the asked order; ties keep name order, never-opened accounts stay last. */
export function sortOrder(index: AccountIndex, sort: AccountSort): Int32Array {
  const id = `${sort.key}:${sort.dir}`;
  const cached = index.orders.get(id);
  if (cached) return cached;
  const order = new Int32Array(index.rows.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (sort.key !== 'name' || sort.dir !== 'asc') {
    const cmp = compareBy(sort.key, index.rows);
    const sign = sort.dir === 'asc' ? 1 : -1;
    const rows = index.rows;
    order.sort((a, b) => {
      if (sort.key === 'lastOpened') {
        const na = rows[a]!.lastOpenedAt === null;
        const nb = rows[b]!.lastOpenedAt === null;
        if (na !== nb) return na ? 1 : -1;
      }
      return sign * cmp(a, b) || a - b;
    });
  }
  index.orders.set(id, order);
  return order;
}

export function needsAttention(row: Pick<ListedAccount, 'summary'>): boolean {
  return row.summary.domainsExpiringSoon > 0 || row.summary.unpaidInvoices > 0;
}

/** The account requires two-factor sign-in and the user's login does not have it: every action but seeing it is refused. */
export function needsTwoFactor(row: Pick<ListedAccount, 'twoFactor'>): boolean {
  return row.twoFactor?.required === true && !row.twoFactor.enabled;
}

/** The effective-permission test of docs/ARCHITECTURE.md §9 without building arrays: it runs 50,000 times a keystroke. */
export function holdsPermission(row: Pick<ListedAccount, 'role' | 'permissions'>, permission: Permission): boolean {
  if (row.role === 'owner') return true;
  if (row.role === 'member' && permission === 'users.manage') return false;
  return row.permissions.includes(permission);
}

/** The query's words, folded: every one must appear in the name, the provider or a domain name. */
export function queryWords(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

/** The filter apart from its query: provider, role, permission, attention, favourites or recent. */
export function passesChoices(row: ListedAccount, filter: AccountFilter): boolean {
  if (filter.connectionId && row.connectionId !== filter.connectionId) return false;
  if (filter.role && row.role !== filter.role) return false;
  if (filter.permission && !holdsPermission(row, filter.permission)) return false;
  if (filter.needsAttention && !needsAttention(row)) return false;
  if (filter.show === 'favourites' && !row.favourite) return false;
  return filter.show !== 'recent' || row.lastOpenedAt !== null;
}

/** The same filter apart from the query. */
export function sameChoices(a: AccountFilter, b: AccountFilter): boolean {
  return a.connectionId === b.connectionId && a.role === b.role && a.permission === b.permission && a.needsAttention === b.needsAttention && a.show === b.show;
}

/** Whether the filter leaves out any row by its choices, whatever the query. */
export function hasChoices(filter: AccountFilter): boolean {
  return isFiltered({ ...filter, query: '' });
}

export function isFiltered(filter: AccountFilter): boolean {
  return (
    filter.query.trim() !== '' ||
    filter.connectionId !== null ||
    filter.role !== null ||
    filter.permission !== null ||
    filter.needsAttention ||
    filter.show !== 'all'
  );
}

/** Where the row with this key sits in `index.rows`: a binary search by its order, no map of every place. */
export function positionOf(index: AccountIndex, key: string): number | undefined {
  const row = index.byKey.get(key);
  return row === undefined ? undefined : positionIn(index.rows, index.orderKeys, row);
}

/** Rows are told apart by connection too: two providers may reuse an account id. */
export function accountKey(row: Pick<ListedAccount, 'connectionId' | 'id'>): string {
  return `${row.connectionId}\u0000${row.id}`;
}

/**
 * The index with rows added that all sort after its own, as main hands its list out window by
 * window (`accounts.window`): only the new rows are folded, and nothing is sorted again.
 */
export function appendSorted(index: AccountIndex, rows: readonly ListedAccount[]): AccountIndex {
  const tail = indexAccounts(rows, index.providers);
  // The held index's map is taken over, as a change does: only the newest index answers lookups.
  const byKey = index.byKey;
  for (const [key, row] of tail.byKey) byKey.set(key, row);
  return {
    rows: index.rows.concat(tail.rows),
    haystacks: index.haystacks.concat(tail.haystacks),
    masks: joined(index.masks, tail.masks),
    pairs: joined(index.pairs, tail.pairs),
    providerOf: joined(index.providerOf, tail.providerOf),
    providers: index.providers,
    orderKeys: index.orderKeys.concat(tail.orderKeys),
    byKey,
    orders: new Map(),
    attention: index.attention + tail.attention,
  };
}

function joined(head: Int32Array, tail: Int32Array): Int32Array {
  const out = new Int32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
