import { Notification } from 'electron';
import type { IpcEventPayload, NavigateTarget } from '../../src-shared/ipc/events.js';
import type { Core } from '../core.js';

/**
 * Shows main's `notification` events as system notifications; a click brings the app window
 * forward on the place the notification is about. What to notify is decided in notifications/.
 */
export function showDesktopNotifications(core: Core, focusApp: () => void): () => void {
  const shown = new Set<string>();
  return core.events.on((event, payload) => {
    if (event !== 'notification' || !Notification.isSupported()) return;
    const n = payload as IpcEventPayload<'notification'>;
    // The same news twice (two syncs racing) is shown once.
    if (shown.has(n.id)) return;
    shown.add(n.id);
    const notification = new Notification({ title: n.title, body: n.body, silent: false });
    notification.on('click', () => {
      focusApp();
      if (n.navigate) core.events.emit('navigate', n.navigate satisfies NavigateTarget);
    });
    notification.show();
  });
}
