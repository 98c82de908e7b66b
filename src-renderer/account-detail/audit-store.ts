import { create } from 'zustand';
import type { AuditEvent } from '../../src-shared/api/activity.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import type { LoadStatus } from '../kit/load-state.js';
import type { AccountRef } from '../navigation/navigation-store.js';

interface AuditState {
  ref: AccountRef | null;
  status: LoadStatus;
  events: AuditEvent[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: string | null;
  /** The newest page again (after a change made here). */
  load(ref: AccountRef): Promise<void>;
  loadMore(): Promise<void>;
}

const same = (a: AccountRef | null, b: AccountRef) => a !== null && a.connectionId === b.connectionId && a.accountId === b.accountId;

/** The account's access changes, newest first, a page at a time. */
export const useAudit = create<AuditState>()((set, get) => ({
  ref: null,
  status: 'idle',
  events: [],
  nextCursor: null,
  loadingMore: false,
  error: null,

  async load(ref) {
    if (!same(get().ref, ref)) set({ ref, status: 'loading', events: [], nextCursor: null, error: null });
    try {
      const page = await invoke('audit.list', ref);
      if (same(get().ref, ref)) set({ status: 'ready', events: page.items, nextCursor: page.nextCursor, error: null });
    } catch (err) {
      if (same(get().ref, ref)) set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) });
    }
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
