import { create } from 'zustand';
import type { AuditEvent } from '../../src-shared/api/activity.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import type { AccountRef } from '../navigation/navigation-store.js';

interface AuditState extends Loadable {
  ref: AccountRef | null;
  events: AuditEvent[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** The newest page again (after a change made here). */
  load(ref: AccountRef): Promise<void>;
  loadMore(): Promise<void>;
}

const same = (a: AccountRef | null, b: AccountRef) => a !== null && a.connectionId === b.connectionId && a.accountId === b.accountId;

/** The account's access changes, newest first, a page at a time. */
export const useAudit = create<AuditState>()((set, get) => ({
  ...notLoaded,
  ref: null,
  events: [],
  nextCursor: null,
  loadingMore: false,

  async load(ref) {
    await runLoad(
      { set, get },
      {
        begin: same(get().ref, ref) ? undefined : { ref, status: 'loading', events: [], nextCursor: null, error: null },
        fetch: () => invoke('audit.list', ref),
        ready: (page) => ({ events: page.items, nextCursor: page.nextCursor }),
        current: () => same(get().ref, ref),
      },
    );
  },

  async loadMore() {
    const { ref, nextCursor } = get();
    if (!ref || !nextCursor || get().loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await invoke('audit.list', { ...ref, cursor: nextCursor });
      if (same(get().ref, ref)) {
        const seen = new Set(get().events.map((e) => e.id));
        set({ events: [...get().events, ...page.items.filter((e) => !seen.has(e.id))], nextCursor: page.nextCursor, error: null });
      }
    } catch (err) {
      set({ error: errorSentence(err) });
    } finally {
      set({ loadingMore: false });
    }
  },
}));
