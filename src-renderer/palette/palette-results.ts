import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { accountKey, foldText, type AccountIndex } from '../accounts/account-filter.js';
import { fuzzyScore, searchAccounts } from './fuzzy.js';
import type { PaletteAction } from './palette-sources.js';

export type PaletteItem = { kind: 'account'; key: string; row: ListedAccount } | { kind: 'action'; key: string; action: PaletteAction };
export interface PaletteGroup {
  id: 'accounts' | 'actions';
  label: string;
  items: PaletteItem[];
}

const SUGGESTED = 8;
/** A fuzzyScore of at least this is a substring match; below, letters scattered over the text. */
const SUBSTRING = 1000;

/**
 * What the palette lists for a query: with none, favourite and recent accounts then every action;
 * otherwise the best-matching accounts (fuzzy) and the actions whose label holds every word typed,
 * whichever group matches better first.
 */
export function paletteResults(
  text: string,
  index: AccountIndex,
  actions: readonly PaletteAction[],
  labels: { suggested: string; accounts: string; actions: string },
): PaletteGroup[] {
  const q = foldText(text.trim());
  let accounts: ListedAccount[];
  if (q === '') {
    accounts = index.rows
      .filter((r) => r.favourite || r.lastOpenedAt)
      .sort((a, b) => Number(b.favourite) - Number(a.favourite) || (b.lastOpenedAt ?? '').localeCompare(a.lastOpenedAt ?? ''))
      .slice(0, SUGGESTED);
  } else {
    accounts = searchAccounts(index, q).map((s) => s.row);
  }
  const words = q.split(/\s+/).filter(Boolean);
  const scoredActions = actions
    .map((action) => {
      const label = foldText(action.label);
      const scores = words.map((w) => fuzzyScore(w, label));
      return { action, score: scores.some((x) => x < SUBSTRING) ? -1 : scores.reduce((a, b) => a + b, 0) / Math.max(1, words.length) };
    })
    .filter((a) => a.score >= 0);
  if (q !== '') scoredActions.sort((a, b) => b.score - a.score);
  const accountGroup: PaletteGroup = {
    id: 'accounts',
    label: q === '' ? labels.suggested : labels.accounts,
    items: accounts.map((row) => ({ kind: 'account', key: accountKey(row), row })),
  };
  const actionGroup: PaletteGroup = {
    id: 'actions',
    label: labels.actions,
    items: scoredActions.map(({ action }) => ({ kind: 'action', key: action.id, action })),
  };
  // An action named by what was typed ("sync", "add a provider") leads, unless an account's name starts so.
  const bestAction = scoredActions[0]?.score ?? -1;
  const actionsFirst = q !== '' && bestAction >= 1300 && !accounts.some((r) => foldText(r.name).startsWith(q));
  return (actionsFirst ? [actionGroup, accountGroup] : [accountGroup, actionGroup]).filter((g) => g.items.length > 0);
}
