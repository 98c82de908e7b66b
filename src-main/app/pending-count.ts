import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import type { Core } from '../core.js';

const WAITING: ReadonlySet<QueuedAction['state']> = new Set(['queued', 'sending']);

/**
 * What waits for the user or for the network: incoming invitations not answered yet, plus answers
 * still queued. An invitation answered offline counts once, as its queued answer. Read through
 * the same channels the window uses, so the tray and the badge never disagree with the lists.
 */
export async function pendingCount(core: Core): Promise<number> {
  const [invitations, queue] = await Promise.all([core.dispatch('invitations.list', {}), core.dispatch('queue.list', {})]);
  const waiting = queue.ok ? (queue.result as QueuedAction[]).filter((a) => WAITING.has(a.state)).length : 0;
  const unanswered = invitations.ok
    ? (invitations.result as ListedInvitation[]).filter((i) => i.status === 'pending' && !(i.pendingAnswer && WAITING.has(i.pendingAnswer.state))).length
    : 0;
  return waiting + unanswered;
}

/** Calls `show` with the count now and again whenever the invitations or the queue changed. */
export function followPendingCount(core: Core, show: (count: number) => void): () => void {
  let last: number | null = null;
  const refresh = () =>
    void pendingCount(core).then((count) => {
      if (count === last) return;
      last = count;
      show(count);
    });
  refresh();
  return core.events.on((event, payload) => {
    if (event !== 'data.changed') return;
    const lists = (payload as { lists: string[] }).lists;
    if (lists.includes('invitations') || lists.includes('queue')) refresh();
  });
}
