import { create } from 'zustand';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { latestOnly, type LoadStatus } from '../kit/load-state.js';

interface QueueState {
  status: LoadStatus;
  actions: QueuedAction[];
  error: string | null;
  load(): Promise<void>;
  /** Forgets a finished action; the invitation it was about shows its own state again. */
  dismiss(actionId: string): Promise<void>;
}

/** Answers still waiting to reach their provider. */
export function waitingCount(actions: readonly QueuedAction[]): number {
  let n = 0;
  for (const a of actions) if (a.state === 'queued' || a.state === 'sending') n++;
  return n;
}

const nextLoad = latestOnly();

export const useQueue = create<QueueState>()((set, get) => ({
  status: 'idle',
  actions: [],
  error: null,

  async load() {
    const isLatest = nextLoad();
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const actions = await invoke('queue.list', {});
      if (isLatest()) set({ status: 'ready', actions, error: null });
    } catch (err) {
      if (isLatest()) set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) });
    }
  },

  async dismiss(actionId) {
    await invoke('queue.dismiss', { actionId });
    set({ actions: get().actions.filter((a) => a.id !== actionId) });
  },
}));
