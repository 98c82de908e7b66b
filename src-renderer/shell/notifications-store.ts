import { create } from 'zustand';
import type { IpcEventPayload } from '../../src-shared/ipc/events.js';

export type AppNotification = IpcEventPayload<'notification'>;

interface NotificationsState {
  items: AppNotification[];
  push(item: AppNotification): void;
  dismiss(id: string): void;
}

const MAX = 3;
const SHOWN_MS = 10_000;

/**
 * What main wants the user to hear about (new invitations, a queued answer's outcome). The
 * desktop shell also shows them as system notifications; in the window they fade after a while.
 */
export const useNotifications = create<NotificationsState>()((set, get) => ({
  items: [],
  push(item) {
    set({ items: [item, ...get().items.filter((i) => i.id !== item.id)].slice(0, MAX) });
    setTimeout(() => get().dismiss(item.id), SHOWN_MS);
  },
  dismiss(id) {
    set({ items: get().items.filter((i) => i.id !== id) });
  },
}));
