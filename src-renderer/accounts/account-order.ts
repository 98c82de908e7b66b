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

/**
 * Where a row sorts in the list's own order, as one string: its name as people read it, then its
 * provider, joined by the lowest character, so comparing two keys compares name, then provider.
 * The index keeps one per row (`AccountIndex.orderKeys`), so a change's binary searches compare
 * strings instead of folding every probed name again.
 */
export function orderKey(row: Pick<ListedAccount, 'name' | 'providerLabel'>): string {
  return `${sortKey(foldText(row.name))}\u0000${foldText(row.providerLabel)}`;
}

/** The first position in `keys` (ascending) at or after `key` (`after`: strictly after). */
export function searchOrder(keys: readonly string[], key: string, after: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = keys[mid]!;
    if (probe < key || (after && probe === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where this very row object sits among `rows`, found by its order key instead of a map of every row's place. */
export function positionIn(rows: readonly ListedAccount[], keys: readonly string[], row: ListedAccount): number | undefined {
  const key = orderKey(row);
  // Rows with the same name and provider sit together: look among them for this object.
  for (let at = searchOrder(keys, key, false); at < rows.length && keys[at] === key; at++) if (rows[at] === row) return at;
  return undefined;
}
