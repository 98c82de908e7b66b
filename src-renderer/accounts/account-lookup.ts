import { foldText, orderKey } from '../../src-shared/ipc/account-order.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';

/*
 * Finding rows in the list's index: the text a search looks in, its letter and pair masks, the
 * providers' labels, the pass that keeps the rows holding a query's words, and where a row sits by
 * its order key (the order itself is src-shared/ipc/account-order.ts, which main keeps too).
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

/**
 * The providers' labels, folded once each: a list of 100,000 rows has a few providers, so a word is
 * looked for in each label once, not in every row's copy of it. Numbers are never reused, so an
 * index keeps meaning what it meant while a newer one, sharing the table, adds labels.
 */
export interface ProviderTexts {
  folded: string[];
  byLabel: Map<string, number>;
}

export function providerTexts(): ProviderTexts {
  return { folded: [], byLabel: new Map() };
}

/** The label's number in the table, added when new. */
export function providerNumber(texts: ProviderTexts, label: string): number {
  let number = texts.byLabel.get(label);
  if (number === undefined) {
    number = texts.folded.push(foldText(label)) - 1;
    texts.byLabel.set(label, number);
  }
  return number;
}

/** A word of one letter is answered by the mask alone (a bit per letter); digits share bits, so they are searched. */
const SINGLE_LETTER = /^[a-z]$/;

/** What a search pass reads of the index: search texts and masks beside them, each row's provider number and the providers' table. */
export interface SearchedTexts {
  haystacks: readonly string[];
  masks: Int32Array;
  pairs: Int32Array;
  providerOf: Int32Array;
  providers: ProviderTexts;
}

/**
 * Writes to the front of `out` the `candidates` (positions into the index, in their order) whose
 * search text holds every word, and returns how many. It reads only the masks, provider numbers
 * and texts (letters, then pairs, then the text), never a row object: at 100,000 rows, touching
 * each row costs several times the search itself (each object is a cache miss). A word in a row's
 * provider label is found once per label: "provider" typed into a list where every label holds it
 * searches no row's text. `out` may be the very array `candidates` views: a forward filter never
 * writes ahead of where it reads, so a query that grew narrows the previous answer in place.
 */
export function writeHolding(texts: SearchedTexts, words: readonly string[], candidates: Int32Array, out: Int32Array): number {
  const { haystacks, masks, pairs, providerOf } = texts;
  let wanted = 0;
  for (const w of words) wanted |= letterMask(w);
  const searched = words.filter((w) => !SINGLE_LETTER.test(w));
  const wantedPairs = new Int32Array(2);
  let wantedLow = 0;
  let wantedHigh = 0;
  for (const w of searched) {
    writePairs(w, wantedPairs, 0);
    wantedLow |= wantedPairs[0]!;
    wantedHigh |= wantedPairs[1]!;
  }
  // A bit per searched word (the first 31; more are always searched), set where a provider's label holds it.
  const every = searched.length > 30 ? -1 : (1 << searched.length) - 1;
  const inLabel = texts.providers.folded.map((label) => searched.reduce((bits, w, i) => (i < 31 && label.includes(w) ? bits | (1 << i) : bits), 0));
  let kept = 0;
  for (let i = 0; i < candidates.length; i++) {
    const at = candidates[i]!;
    if ((masks[at]! & wanted) !== wanted) continue;
    const known = inLabel[providerOf[at]!]!;
    if (known !== every) {
      if ((pairs[2 * at]! & wantedLow) !== wantedLow || (pairs[2 * at + 1]! & wantedHigh) !== wantedHigh) continue;
      if (!holdsRest(haystacks[at]!, searched, known)) continue;
    }
    out[kept++] = at;
  }
  return kept;
}

/** Whether the text holds each word whose bit is not set in `known`. */
function holdsRest(hay: string, words: readonly string[], known: number): boolean {
  for (let i = 0; i < words.length; i++) if ((i > 30 || (known & (1 << i)) === 0) && !hay.includes(words[i]!)) return false;
  return true;
}

/**
 * Which pairs of adjacent characters a text holds, hashed to 64 bits written at `pairs[2 * at]` and
 * `pairs[2 * at + 1]`: a word's pairs are all in any text that holds the word, so a row lacking
 * one is rejected without searching its text. Letters alone pass most rows for a common pair
 * ("al" has both letters in three rows of four of a list, the pair in one of three).
 */
export function writePairs(text: string, pairs: Int32Array, at: number): void {
  let low = 0;
  let high = 0;
  for (let i = 1; i < text.length; i++) {
    // A multiplicative hash to 6 bits: a plain sum would put whole families of letter pairs on one bit.
    const bit = Math.imul((text.charCodeAt(i - 1) << 16) | text.charCodeAt(i), 0x9e3779b1) >>> 26;
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  pairs[2 * at] = low;
  pairs[2 * at + 1] = high;
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
