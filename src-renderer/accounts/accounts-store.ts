import { create } from 'zustand';
import type { AccountRow } from '../../src-shared/ipc/contract.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { latestOnly, type LoadStatus } from '../shell/load-state.js';
import { indexAccounts, NO_FILTER, type AccountFilter, type AccountIndex } from './account-filter.js';

interface AccountsState {
  status: LoadStatus;
  index: AccountIndex;
  error: string | null;
  filter: AccountFilter;
  load(): Promise<void>;
  setFilter(patch: Partial<AccountFilter>): void;
  clearFilter(): void;
}

const nextLoad = latestOnly();

export const useAccounts = create<AccountsState>()((set, get) => ({
  status: 'idle',
  index: indexAccounts([]),
  error: null,
  filter: NO_FILTER,

  async load() {
    const isLatest = nextLoad();
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const rows: AccountRow[] = await invoke('accounts.list', {});
      if (isLatest()) set({ status: 'ready', index: indexAccounts(rows), error: null });
    } catch (err) {
      if (isLatest()) set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) });
    }
  },

  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },

  clearFilter() {
    set({ filter: NO_FILTER });
  },
}));
