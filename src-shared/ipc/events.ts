/** Events main pushes to the renderer. */
import { z } from 'zod';
import { Id } from '../api/primitives.js';
import { ReviewProgress } from './channels/access-review.js';
import { SyncStatus } from './channels/sync.js';

/** A place in the app a deep link or a notification leads to. */
export const NavigateTarget = z.object({
  view: z.enum(['accounts', 'invitations', 'connections', 'settings', 'access-review', 'account', 'bulk']),
  connectionId: Id.optional(),
  accountId: Id.optional(),
  invitationId: Id.optional(),
});
export type NavigateTarget = z.infer<typeof NavigateTarget>;

export const ipcEvents = {
  'sync.changed': z.array(SyncStatus),
  /** Tells the renderer which lists to fetch again. */
  'data.changed': z.object({ lists: z.array(z.enum(['connections', 'accounts', 'invitations', 'queue', 'settings', 'bulk', 'access_requests'])) }),
  /** A `clientdeck://` deep link asked the app to show something (e.g. an invitation from a mail). */
  navigate: NavigateTarget,
  /**
   * Something the user should hear about (new incoming invitations, a queued answer that went
   * through or was refused, where sign-ins are stored). The desktop shell shows it as a system
   * notification; a renderer may show it too.
   */
  notification: z.object({ id: z.string(), title: z.string(), body: z.string(), navigate: NavigateTarget.nullable() }),
  /** How far the access review's gathering got: accounts answered of those to ask. */
  'accessReview.progress': ReviewProgress,
} as const;
export type IpcEvent = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEvent> = z.infer<(typeof ipcEvents)[E]>;
