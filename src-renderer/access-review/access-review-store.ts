import { create } from 'zustand';
import type { AccountUser, UpdateAccountUser } from '../../src-shared/api/team.js';
import type { ReviewedAccess, ReviewGap, ReviewProgress } from '../../src-shared/ipc/channels/access-review.js';
import { invoke } from '../bridge/invoke.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import { accessKey, indexReview, NO_FILTERS, withAccess, withoutAccess, type ReviewFilters, type ReviewGrouping, type ReviewIndex } from './review-filter.js';

interface AccessReviewState extends Loadable {
  index: ReviewIndex;
  gaps: ReviewGap[];
  accountsReviewed: number;
  gatheredAt: string | null;
  /** How far main's gathering got, while one runs (null otherwise). */
  progress: ReviewProgress | null;
  filters: ReviewFilters;
  grouping: ReviewGrouping;
  /** Main's last review (gathered the first time it is asked). */
  load(): Promise<void>;
  /** Asks every account again. */
  refresh(): Promise<void>;
  followProgress(progress: ReviewProgress): void;
  setFilters(patch: Partial<ReviewFilters>): void;
  setGrouping(grouping: ReviewGrouping): void;
  /** The actions below throw main's IpcCallError, for the dialog that asked to show. */
  revoke(row: ReviewedAccess): Promise<void>;
  update(row: ReviewedAccess, changes: UpdateAccountUser): Promise<AccountUser>;
}

const EMPTY_INDEX: ReviewIndex = { byPerson: [], byAccount: [] };
const nextLoad = latestOnly();

/** Everyone with access to the accounts the user runs, indexed once for the filters. */
export const useAccessReview = create<AccessReviewState>()((set, get) => {
  const fetch = async (refresh: boolean) => {
    const current = nextLoad();
    await runLoad(
      { set, get },
      {
        begin: { ...firstLoad(get().status), progress: refresh || get().gatheredAt === null ? { done: 0, total: 0 } : null },
        fetch: () => invoke('accessReview.get', { refresh }),
        ready: (review) => ({
          index: indexReview(review.rows),
          gaps: review.gaps,
          accountsReviewed: review.accountsReviewed,
          gatheredAt: review.gatheredAt,
          progress: null,
        }),
        current,
      },
    );
    if (current()) set({ progress: null });
  };

  return {
    ...notLoaded,
    index: EMPTY_INDEX,
    gaps: [],
    accountsReviewed: 0,
    gatheredAt: null,
    progress: null,
    filters: NO_FILTERS,
    grouping: 'account',

    load: () => fetch(false),
    refresh: () => fetch(true),

    followProgress(progress) {
      // Only while this window waits for a gathering: another window's refresh shows there.
      if (get().progress !== null) set({ progress });
    },

    setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
    setGrouping: (grouping) => set({ grouping }),

    async revoke(row) {
      await invoke('team.revokeUser', { connectionId: row.connectionId, accountId: row.account.id, userId: row.user.userId });
      set({ index: withoutAccess(get().index, accessKey(row)) });
    },

    async update(row, changes) {
      const user = await invoke('team.updateUser', { connectionId: row.connectionId, accountId: row.account.id, userId: row.user.userId, changes });
      set({ index: withAccess(get().index, { ...row, user }) });
      return user;
    },
  };
});
