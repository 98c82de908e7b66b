import { create } from 'zustand';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { latestOnly, type LoadStatus } from '../kit/load-state.js';
import { applyAccountChanges } from './account-changes.js';
import { copyInWindows, type CopyProgress } from './account-copy.js';
import {
  accountKey,
  DEFAULT_SORT,
  indexAccounts,
  NO_FILTER,
  patchAccounts,
  type AccountFilter,
  type AccountIndex,
  type AccountSort,
  type SortKey,
} from './account-filter.js';

/** How far the first copy has come: rows in the index of rows in main's list; null once the list is whole. */
export type Arriving = Pick<CopyProgress, 'received' | 'total'> | null;

interface AccountsState {
  status: LoadStatus;
  index: AccountIndex;
  /** The version of main's list the index holds, null before the first copy. */
  version: number | null;
  error: string | null;
  /** While the first copy is still arriving: how many rows of how many are in the index. */
  arriving: Arriving;
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

type Store = { set(partial: Partial<AccountsState>): void; get(): AccountsState };

/** The copy under way (with the changes asked for after it), and whether a change was announced meanwhile. */
let copying: Promise<void> | null = null;
let changedWhileCopying = false;

/**
 * A whole copy of main's list, window by window (account-copy.ts). A change announced meanwhile is
 * asked for from the copy's version once the copy is complete, so none is lost.
 */
function copyWhole(store: Store): Promise<void> {
  changedWhileCopying = false;
  copying = (async () => {
    try {
      await copyOnce(store);
    } finally {
      copying = null;
    }
    if (changedWhileCopying) await store.get().load();
  })();
  return copying;
}

/**
 * The first time, each window shows as it arrives (the first screen after one small reply); a new
 * copy of a list already on screen (main restarted) is built aside and replaces it whole.
 */
async function copyOnce({ set, get }: Store): Promise<void> {
  const onScreen = get().version === null;
  try {
    const { version, index } = await copyInWindows(({ index, received, total }) => {
      if (onScreen) set({ status: 'ready', index, arriving: received < total ? { received, total } : null, error: null });
    });
    set({ status: 'ready', version, index, arriving: null, error: null });
  } catch (err) {
    // Part of a list is not the list: a first copy that broke off shows the sentence, not the rows it had.
    if (onScreen) set({ status: 'error', index: indexAccounts([]), arriving: null, error: errorSentence(err) });
    else set({ error: errorSentence(err) });
  }
}
const NUMERIC: readonly SortKey[] = ['services', 'domainsExpiringSoon', 'unpaidInvoices', 'openTickets', 'lastOpened'];

export const useAccounts = create<AccountsState>()((set, get) => ({
  status: 'idle',
  index: indexAccounts([]),
  version: null,
  error: null,
  arriving: null,
  filter: NO_FILTER,
  sort: DEFAULT_SORT,
  favouriteError: null,

  async load() {
    if (copying) {
      changedWhileCopying = true;
      return copying;
    }
    const isLatest = nextLoad();
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const held = get().version;
      // Holding nothing, the changes could only say "copy everything": the copy starts at once.
      if (held === null) return await copyWhole({ set, get });
      const changes = await invoke('accounts.changes', { since: held });
      if (!isLatest()) return;
      if (!changes.reset) {
        const index = applyAccountChanges(get().index, changes.upserted, changes.removed);
        set({ status: 'ready', version: changes.version, index, error: null });
        return;
      }
      await copyWhole({ set, get });
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
