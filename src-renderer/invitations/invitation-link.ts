import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { ListedInvitation } from '../../src-shared/ipc/channels/invitations.js';
import type { QueuedAction } from '../../src-shared/ipc/channels/queue.js';
import { invitationKey } from './invitations-store.js';

/** Why a pasted or dropped link cannot be sent, before main is asked. */
export type LinkRefusal = 'notALink' | 'notConnected';

export type LinkTarget = { connectionId: string; link: string } | { refusal: LinkRefusal };

/** The http(s) URL a pasted or dropped text stands for, or null (a uri-list may carry comments and several lines). */
export function linkFromText(text: string): string | null {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (!line) return null;
  try {
    const url = new URL(line);
    return url.protocol === 'http:' || url.protocol === 'https:' ? line : null;
  } catch {
    return null;
  }
}

/**
 * The connection a link is sent to: the one at the link's host. Main decides whether it is an
 * invitation link of that connection's kind (and says so with a coded error); the renderer only
 * knows which providers are connected.
 */
export function linkTarget(text: string, connections: readonly Pick<Connection, 'id' | 'baseUrl'>[]): LinkTarget {
  const link = linkFromText(text);
  if (!link) return { refusal: 'notALink' };
  const host = new URL(link).host;
  const connection = connections.find((c) => hostOf(c.baseUrl) === host);
  return connection ? { connectionId: connection.id, link } : { refusal: 'notConnected' };
}

function hostOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).host;
  } catch {
    return null;
  }
}

/**
 * Answers to invitations accepted from a link whose invitation is no longer in the list: a WHMCS
 * invitee has no list, so the next sync drops the link's row while its answer still waits in the
 * queue. The queue is what keeps it, so its state is shown from there until it is dismissed.
 */
export function orphanAnswers(actions: readonly QueuedAction[], rows: readonly Pick<ListedInvitation, 'connectionId' | 'id'>[]): QueuedAction[] {
  const listed = new Set(rows.map(invitationKey));
  return actions.filter((a) => a.invitationId !== null && !listed.has(invitationKey({ connectionId: a.connectionId, id: a.invitationId })));
}
