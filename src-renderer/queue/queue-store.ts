import { create } from 'zustand';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { invoke } from '../bridge/invoke.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';

interface QueueState extends Loadable {
  actions: QueuedAction[];
  load(): Promise<void>;
  /** Forgets a finished action; the invitation it was about shows its own state again. */
  dismiss(actionId: string): Promise<void>;
}

/** Answers still waiting to reach their provider (a bulk run's writes show in the bulk view instead). */
export function waitingCount(actions: readonly QueuedAction[]): number {
  let n = 0;
  for (const a of actions) if (a.kind === 'invitation.answer' && (a.state === 'queued' || a.state === 'sending')) n++;
  return n;
}

const nextLoad = latestOnly();

export const useQueue = create<QueueState>()((set, get) => ({
  ...notLoaded,
  actions: [],

  async load() {
    await runLoad(
      { set, get },
      {
        current: nextLoad(),
        begin: firstLoad(get().status, { keepError: true }),
        fetch: () => invoke('queue.list', {}),
        ready: (actions) => ({ actions }),
      },
    );
  },

  async dismiss(actionId) {
    await invoke('queue.dismiss', { actionId });
    set({ actions: get().actions.filter((a) => a.id !== actionId) });
  },
}));
