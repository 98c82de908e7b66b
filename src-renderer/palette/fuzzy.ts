import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { foldText, type AccountIndex } from '../accounts/account-filter.js';

/**
 * How well `word` (folded) matches `text` (folded): -1 for no match. A substring beats a
 * scattered match, an early one beats a late one, a match at a word start beats one inside a word,
 * and a match before `primaryEnd` (the customer's name) beats one in the provider or a domain.
 */
export function fuzzyScore(word: string, text: string, primaryEnd = text.length): number {
  if (word.length === 0) return 0;
  const at = text.indexOf(word);
  if (at >= 0) {
    const wordStart = at === 0 || !isWordChar(text.charCodeAt(at - 1));
    const end = at + word.length;
    const wholeWord = wordStart && (end === text.length || !isWordChar(text.charCodeAt(end)));
    return 1000 - Math.min(at, 200) + (wordStart ? 300 : 0) + (wholeWord ? 150 : 0) + (at < primaryEnd ? 400 : 0) - Math.min(primaryEnd, 200) * 0.5;
  }
  // Scattered: every character in order; runs and word starts count.
  let score = 0;
  let pos = 0;
  let run = 0;
  let firstAt = -1;
  for (let i = 0; i < word.length; i++) {
    const ch = word.charCodeAt(i);
    let found = -1;
    for (let j = pos; j < text.length; j++) {
      if (text.charCodeAt(j) === ch) {
        found = j;
        break;
      }
    }
    if (found < 0) return -1;
    if (firstAt < 0) firstAt = found;
    run = found === pos && i > 0 ? run + 1 : 0;
    score += 10 + run * 15 + (found === 0 || !isWordChar(text.charCodeAt(found - 1)) ? 25 : 0);
    pos = found + 1;
  }
  // A scattered match spread over the whole text is noise; keep it below substring matches.
  const spread = pos - firstAt;
  if (spread > word.length * 4 + 6) return -1;
  return Math.min(score, 600) - spread + (firstAt < primaryEnd ? 100 : 0);
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
}

export interface ScoredAccount {
  row: ListedAccount;
  score: number;
}

/** The best `limit` accounts for a query; every word must match. One pass, no sorting of 50,000 rows. */
export function searchAccounts(index: AccountIndex, query: string, limit = 50): ScoredAccount[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const best: ScoredAccount[] = [];
  for (let i = 0; i < index.rows.length; i++) {
    const hay = index.haystacks[i]!;
    const nameEnd = hay.indexOf('\n');
    let total = 0;
    for (const w of words) {
      const s = fuzzyScore(w, hay, nameEnd < 0 ? hay.length : nameEnd);
      if (s < 0) {
        total = -1;
        break;
      }
      total += s;
    }
    if (total < 0) continue;
    const row = index.rows[i]!;
    // Favourites and recently opened accounts are what people reach for.
    if (row.favourite) total += 50;
    if (row.lastOpenedAt) total += 20;
    if (best.length < limit || total > best[best.length - 1]!.score) {
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < total) at--;
      best.splice(at, 0, { row, score: total });
      if (best.length > limit) best.pop();
    }
  }
  return best;
}
