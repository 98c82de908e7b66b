import { create } from 'zustand';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import { errorSentence, invoke } from '../bridge/invoke.js';
import { useQueue } from '../queue/queue-store.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';

export interface Outcome {
  kind: 'accepted' | 'declined' | 'queued';
  account: string;
  provider: string;
}

interface InvitationsState extends Loadable {
  rows: ListedInvitation[];
  /** Answers on their way, by invitationKey. */
  answering: Record<string, InvitationAnswer>;
  /** The last answer, announced at the top of the view (the invitation moves to "earlier"). */
  lastOutcome: Outcome | null;
  /** Why an answer failed, by invitationKey, shown on the invitation that stays pending. */
  failures: Record<string, string>;
  load(): Promise<void>;
  answer(row: ListedInvitation, answer: InvitationAnswer): Promise<void>;
  /** Accepts the invitation behind a mailed link; throws main's coded error for the form to show. */
  acceptLink(connectionId: string, link: string): Promise<void>;
  /** Clears a rejected queued answer, so the invitation can be answered again if it still may be. */
  dismissAnswer(row: ListedInvitation): Promise<void>;
}

export function invitationKey(row: Pick<ListedInvitation, 'connectionId' | 'id'>): string {
  return `${row.connectionId}\u0000${row.id}`;
}

/** Still to answer: pending, not expired, and no answer waiting in the queue. */
export function isAnswerable(row: ListedInvitation, now: Date): boolean {
  if (row.status !== 'pending' || Date.parse(row.expiresAt) <= now.getTime()) return false;
  const state = row.pendingAnswer?.state;
  return state === undefined || state === 'rejected';
}

/** What the navigation badge counts: invitations that wait for the user. */
export function pendingCount(rows: readonly ListedInvitation[], now = new Date()): number {
  let n = 0;
  for (const r of rows) if (isAnswerable(r, now)) n++;
  return n;
}

const nextLoad = latestOnly();

export const useInvitations = create<InvitationsState>()((set, get) => ({
  ...notLoaded,
  rows: [],
  answering: {},
  lastOutcome: null,
  failures: {},

  async load() {
    await runLoad(
      { set, get },
      { current: nextLoad(), begin: firstLoad(get().status), fetch: () => invoke('invitations.list', {}), ready: (rows) => ({ rows }) },
    );
  },

  async answer(row, answer) {
    const key = invitationKey(row);
    const { [key]: _failed, ...failures } = get().failures;
    set({ answering: { ...get().answering, [key]: answer }, failures });
    try {
      const updated = await invoke('invitations.answer', { connectionId: row.connectionId, invitationId: row.id, answer });
      const queued = updated.pendingAnswer !== null && (updated.pendingAnswer.state === 'queued' || updated.pendingAnswer.state === 'sending');
      // The reply is the outcome of this one invitation, shown at once so it never looks unanswered
      // in between. Every list it changed (accounts, queue, invitations) is refetched when main's
      // data.changed says so, the one way the stores learn of changes, background ones included.
      set({
        rows: get().rows.map((r) => (invitationKey(r) === key ? updated : r)),
        lastOutcome: {
          kind: queued ? 'queued' : answer === 'accept' ? 'accepted' : 'declined',
          account: row.account.name,
          provider: row.providerLabel,
        },
      });
    } catch (err) {
      set({ failures: { ...get().failures, [key]: errorSentence(err) } });
    } finally {
      const { [key]: _done, ...answering } = get().answering;
      set({ answering });
    }
  },

  async acceptLink(connectionId, link) {
    const row = await invoke('invitations.acceptLink', { connectionId, link });
    const key = invitationKey(row);
    const known = get().rows.some((r) => invitationKey(r) === key);
    const state = row.pendingAnswer?.state;
    set({
      rows: known ? get().rows.map((r) => (invitationKey(r) === key ? row : r)) : [...get().rows, row],
      lastOutcome:
        state === 'queued' || state === 'sending' || state === 'done'
          ? { kind: state === 'done' ? 'accepted' : 'queued', account: row.account.name, provider: row.providerLabel }
          : get().lastOutcome,
    });
  },

  async dismissAnswer(row) {
    const action = row.pendingAnswer;
    if (!action) return;
    const key = invitationKey(row);
    try {
      await useQueue.getState().dismiss(action.id);
      set({ rows: get().rows.map((r) => (invitationKey(r) === key ? { ...r, pendingAnswer: null } : r)) });
    } catch (err) {
      set({ failures: { ...get().failures, [key]: errorSentence(err) } });
    }
  },
}));
