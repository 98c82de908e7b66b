import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';

const ASCII = /^[\x00-\x7f]*$/;

/** Case- and accent-insensitive form, so "societe" finds "Société". Plain ASCII skips the Unicode work. */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const DIGITS = /\d/;

/**
 * A key that sorts with a plain string comparison the way people expect: case and accents
 * ignored, numbers by value ("Studio 2" before "Studio 10"). Much faster than a collator over
 * 100,000 names. Takes folded text.
 */
export function sortKey(folded: string): string {
  if (!DIGITS.test(folded)) return folded;
  return folded.replace(/\d+/g, (digits) => digits.length.toString(36).padStart(2, '0') + digits);
}

/** What a search looks in: the folded name, provider and domain names, one per line. */
export function searchText(name: string, provider: string, domains: readonly string[]): string {
  return domains.length === 0 ? `${name}\n${provider}` : `${name}\n${provider}\n${foldText(domains.join('\n'))}`;
}

/**
 * Which letters and digits a search text holds, one bit each (a-z, then the digits in pairs): a
 * row whose bits lack one of the query's is rejected with one AND, without searching its text.
 */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << (26 + ((c - 48) >> 1));
  }
  return mask;
}

/** Where a row sorts in the list's own order: by name as people read it, then by provider. */
export interface RowOrder {
  key: string;
  provider: string;
}

/**
 * Kept per row object (rows never change in place): a change's binary searches probe the same
 * rows again and again, and folding a name with digits costs a regular-expression replace each time.
 */
const known = new WeakMap<object, RowOrder>();

export function rowOrder(row: Pick<ListedAccount, 'name' | 'providerLabel'>): RowOrder {
  let order = known.get(row);
  if (order === undefined) known.set(row, (order = { key: sortKey(foldText(row.name)), provider: foldText(row.providerLabel) }));
  return order;
}

export function compareOrder(a: RowOrder, b: RowOrder): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  return 0;
}

/**
 * The first position in `rows` (sorted in the list's order) whose row sorts at or after `order`
 * (`after`: strictly after). A binary search: it folds only the rows it probes.
 */
export function searchOrder(rows: readonly ListedAccount[], order: RowOrder, after: boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareOrder(rowOrder(rows[mid]!), order);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where this very row object sits in `rows`, found by its order instead of a map of every row's place. */
export function positionIn(rows: readonly ListedAccount[], row: ListedAccount): number | undefined {
  const order = rowOrder(row);
  // Rows with the same name and provider sit together: look among them for this object.
  for (let at = searchOrder(rows, order, false); at < rows.length; at++) {
    if (rows[at] === row) return at;
    if (compareOrder(rowOrder(rows[at]!), order) !== 0) return undefined;
  }
  return undefined;
}
