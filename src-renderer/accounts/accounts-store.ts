import { create } from 'zustand';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { latestOnly, type LoadStatus } from '../kit/load-state.js';
import { applyAccountChanges } from './account-changes.js';
import {
  accountKey,
  DEFAULT_SORT,
  indexAccounts,
  NO_FILTER,
  patchAccounts,
  refreshIndex,
  type AccountFilter,
  type AccountIndex,
  type AccountSort,
  type SortKey,
} from './account-filter.js';

interface AccountsState {
  status: LoadStatus;
  index: AccountIndex;
  /** The version of main's list the index holds, null before the first copy. */
  version: number | null;
  error: string | null;
  filter: AccountFilter;
  sort: AccountSort;
  /** Why the last favourite toggle failed, for the view to say. */
  favouriteError: string | null;
  /** Brings the list up to main's: only what changed since the version held, a whole copy the first time. */
  load(): Promise<void>;
  setFilter(patch: Partial<AccountFilter>): void;
  clearFilter(): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortBy(key: SortKey): void;
  setFavourite(row: Pick<ListedAccount, 'connectionId' | 'id' | 'name'>, favourite: boolean): Promise<void>;
  /** Main records the time too; this shows it at once. */
  markOpened(row: Pick<ListedAccount, 'connectionId' | 'id'>, at?: Date): void;
  find(connectionId: string, accountId: string): ListedAccount | undefined;
}

const nextLoad = latestOnly();

const NUMERIC: readonly SortKey[] = ['services', 'domainsExpiringSoon', 'unpaidInvoices', 'openTickets', 'lastOpened'];

export const useAccounts = create<AccountsState>()((set, get) => ({
  status: 'idle',
  index: indexAccounts([]),
  version: null,
  error: null,
  filter: NO_FILTER,
  sort: DEFAULT_SORT,
  favouriteError: null,

  async load() {
    const isLatest = nextLoad();
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const held = get().version;
      const changes = await invoke('accounts.changes', { since: held ?? 0 });
      if (!isLatest()) return;
      if (!changes.reset) {
        const index = applyAccountChanges(get().index, changes.upserted, changes.removed);
        set({ status: 'ready', version: changes.version, index, error: null });
        return;
      }
      // Asked after the version: the copy holds at least that state, and a change it already
      // holds comes again with the next changes, whole, which is harmless.
      const rows: ListedAccount[] = await invoke('accounts.list', {});
      if (isLatest()) set({ status: 'ready', version: changes.version, index: refreshIndex(get().index, rows), error: null });
    } catch (err) {
      if (isLatest()) set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) });
    }
  },

  setFilter(patch) {
    // "Recent" means the last opened first, until the user sorts otherwise.
    let sort = get().sort;
    if (patch.show === 'recent') sort = { key: 'lastOpened', dir: 'desc' };
    else if (patch.show !== undefined && sort.key === 'lastOpened') sort = DEFAULT_SORT;
    set({ filter: { ...get().filter, ...patch }, sort });
  },

  clearFilter() {
    set({ filter: NO_FILTER, sort: get().sort.key === 'lastOpened' ? DEFAULT_SORT : get().sort });
  },

  sortBy(key) {
    const current = get().sort;
    // Counts and dates are most useful biggest or newest first.
    const dir = current.key === key ? (current.dir === 'asc' ? 'desc' : 'asc') : NUMERIC.includes(key) ? 'desc' : 'asc';
    set({ sort: { key, dir } });
  },

  async setFavourite(row, favourite) {
    const key = accountKey(row);
    set({ index: patchAccounts(get().index, new Map([[key, { favourite }]])), favouriteError: null });
    try {
      const result = await invoke('accounts.setFavourite', { connectionId: row.connectionId, accountId: row.id, favourite });
      if (result.favourite !== favourite) set({ index: patchAccounts(get().index, new Map([[key, { favourite: result.favourite }]])) });
    } catch (err) {
      set({ index: patchAccounts(get().index, new Map([[key, { favourite: !favourite }]])), favouriteError: errorSentence(err) });
    }
  },

  markOpened(row, at = new Date()) {
    set({ index: patchAccounts(get().index, new Map([[accountKey(row), { lastOpenedAt: at.toISOString() }]])) });
  },

  find(connectionId, accountId) {
    return get().index.byKey.get(accountKey({ connectionId, id: accountId }));
  },
}));
