import { foldText, orderKey } from '../../src-shared/ipc/account-order.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';

/*
 * Finding rows in the list's index: the text a search looks in, its letter mask, and where a row sits
 * by its order key (the order itself is src-shared/ipc/account-order.ts, which main keeps too).
 */

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

/** A word of one letter is answered by the mask alone (a bit per letter); digits share bits, so they are searched. */
const SINGLE_LETTER = /^[a-z]$/;

/**
 * Writes to the front of `out` the `candidates` (positions into the index, in their order) whose
 * search text holds every word, and returns how many. It reads only the masks and the texts, never
 * a row object: at 100,000 rows, touching each row costs several times the search itself (each
 * object is a cache miss). `out` may be the very array `candidates` views: a forward filter never
 * writes ahead of where it reads, so a query that grew narrows the previous answer in place.
 */
export function writeHolding(haystacks: readonly string[], masks: Int32Array, words: readonly string[], candidates: Int32Array, out: Int32Array): number {
  let wanted = 0;
  for (const w of words) wanted |= letterMask(w);
  const searched = words.filter((w) => !SINGLE_LETTER.test(w));
  let kept = 0;
  for (let i = 0; i < candidates.length; i++) {
    const at = candidates[i]!;
    if ((masks[at]! & wanted) !== wanted) continue;
    if (searched.length > 0 && !holdsAll(haystacks[at]!, searched)) continue;
    out[kept++] = at;
  }
  return kept;
}

function holdsAll(hay: string, words: readonly string[]): boolean {
  for (const w of words) if (!hay.includes(w)) return false;
  return true;
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
