import type { AccessRequest } from '../../src-shared/api/access-requests.js';
import type { IncomingInvitation } from '../../src-shared/api/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import type { IpcEventPayload } from '../../src-shared/ipc/events.js';

export type DesktopNotification = IpcEventPayload<'notification'>;

/** Above this many new invitations at once, one summary replaces one notification each. */
export const MAX_SEPARATE = 3;

/**
 * Notifications for incoming invitations a sync brought: one for each invitation that is pending
 * now and was not pending in the previous sync (new, or sent again after it expired). The first
 * sync of a connection tells nothing: everything would be "new", and the inbox shows it anyway.
 */
export function notificationsForSync(
  connection: { id: string; label: string },
  before: { syncedAt: string | null; invitations: readonly IncomingInvitation[] },
  after: readonly IncomingInvitation[],
): DesktopNotification[] {
  if (before.syncedAt === null) return [];
  const pendingBefore = new Set(before.invitations.filter((i) => i.status === 'pending').map((i) => i.id));
  const fresh = after.filter((i) => i.status === 'pending' && !pendingBefore.has(i.id));
  if (fresh.length === 0) return [];
  if (fresh.length > MAX_SEPARATE) {
    return [
      {
        id: `invitations:${connection.id}:${fresh
          .map((i) => i.id)
          .sort()
          .join(',')}`,
        title: `${fresh.length} new invitations`,
        body: `${connection.label}: ${fresh
          .slice(0, MAX_SEPARATE)
          .map((i) => i.account.name)
          .join(', ')} and more invite you to their accounts.`,
        navigate: { view: 'invitations', connectionId: connection.id },
      },
    ];
  }
  return fresh.map((i) => ({
    id: `invitation:${connection.id}:${i.id}`,
    title: `Invitation to ${i.account.name}`,
    body: `${i.invitedBy.name} invites you to ${i.account.name} at ${connection.label}.`,
    navigate: { view: 'invitations', connectionId: connection.id, invitationId: i.id },
  }));
}

/**
 * The notification for a queued answer that finished while the user was not waiting for it. An
 * answer still on its way says nothing.
 */
export function notificationForSettledAnswer(action: QueuedAction, accountName: string | null, providerLabel: string): DesktopNotification | null {
  if (action.state !== 'done' && action.state !== 'rejected') return null;
  const what = accountName ?? 'an account';
  const navigate =
    action.invitationId !== null
      ? { view: 'invitations' as const, connectionId: action.connectionId, invitationId: action.invitationId }
      : { view: 'invitations' as const, connectionId: action.connectionId };
  if (action.state === 'done') {
    const joined = action.answer === 'accept';
    return {
      id: `queue:${action.id}`,
      title: joined ? `You joined ${what}` : `Invitation to ${what} declined`,
      body: joined
        ? `Your queued answer reached ${providerLabel}: you now have access to ${what}.`
        : `Your queued answer reached ${providerLabel}: the invitation to ${what} is declined.`,
      navigate,
    };
  }
  return {
    id: `queue:${action.id}`,
    title: `Your answer to ${what} was not accepted`,
    body: `${providerLabel} refused it: ${action.reason ?? 'no reason given.'}`,
    navigate,
  };
}

/**
 * Notifications for access requests a sync found waiting for the user's answer: one for each that
 * was not there at the previous fetch (`before` null: the first fetch, which tells nothing).
 */
export function notificationsForAccessRequests(
  connection: { id: string; label: string },
  before: readonly AccessRequest[] | null,
  after: readonly AccessRequest[],
): DesktopNotification[] {
  if (before === null) return [];
  const known = new Set(before.map((r) => r.id));
  const fresh = after.filter((r) => !known.has(r.id));
  if (fresh.length > MAX_SEPARATE) {
    return [
      {
        id: `access-requests:${connection.id}:${fresh
          .map((r) => r.id)
          .sort()
          .join(',')}`,
        title: `${fresh.length} new access requests`,
        body: `${connection.label}: ${fresh
          .slice(0, MAX_SEPARATE)
          .map((r) => r.requester.name)
          .join(', ')} and others ask for access.`,
        navigate: { view: 'invitations', connectionId: connection.id },
      },
    ];
  }
  return fresh.map((r) => ({
    id: `access-request:${connection.id}:${r.id}`,
    title: `${r.requester.name} asks for access`,
    body: r.accountName
      ? `${r.requester.name} asks for more permissions on ${r.accountName} at ${connection.label}.`
      : `${r.requester.name} asks for access to one of your accounts at ${connection.label}.`,
    navigate: r.accountId ? { view: 'account', connectionId: connection.id, accountId: r.accountId } : { view: 'invitations', connectionId: connection.id },
  }));
}
