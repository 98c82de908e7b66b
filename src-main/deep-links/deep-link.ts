import type { NavigateTarget } from '../../src-shared/ipc/events.js';

/**
 * Clientdeck's `clientdeck://` links, as an invitation mail or a web page writes them:
 *
 *   clientdeck://invitations                              the invitations inbox
 *   clientdeck://invitations/<provider>/<invitationId>    one incoming invitation
 *   clientdeck://accounts                                 all accounts
 *   clientdeck://accounts/<provider>/<accountId>          one account
 *   clientdeck://connections                              the connections view
 *
 * `<provider>` names the connection: its host as in the provider's address (`my.provider.com`,
 * `127.0.0.1:4000`) — what a provider's mail knows — or a Clientdeck connection id. Segments are
 * percent-encoded. A trailing slash is allowed; a query string or fragment is ignored. Anything
 * else (another scheme, credentials, extra segments, control characters, oversized input) is not
 * a Clientdeck link and is refused as a whole: a link can only choose what to *show*, never act.
 */
export type DeepLink =
  | { kind: 'view'; view: 'invitations' | 'accounts' | 'connections' }
  | { kind: 'invitation'; provider: string; invitationId: string }
  | { kind: 'account'; provider: string; accountId: string };

export const DEEP_LINK_SCHEME = 'clientdeck';

const MAX_LINK = 2048;
const MAX_ID = 128;
/** A host[:port] (IPv6 in brackets) or a connection id. */
const PROVIDER = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINK) return null;
  // Whitespace or controls anywhere (also percent-encoded, checked per segment) make it suspect.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  const match = /^clientdeck:\/\/([^?#]*)(?:[?#].*)?$/i.exec(raw);
  if (!match) return null;
  const rawSegments = match[1]!.replace(/\/$/, '').split('/');
  const segments: string[] = [];
  for (const segment of rawSegments) {
    const decoded = decodeSegment(segment);
    if (decoded === null) return null;
    segments.push(decoded);
  }
  const [what, provider, id, ...rest] = segments;
  if (rest.length > 0 || what === undefined) return null;
  const view = what.toLowerCase();
  if (provider === undefined) {
    return view === 'invitations' || view === 'accounts' || view === 'connections' ? { kind: 'view', view } : null;
  }
  if (id === undefined || !PROVIDER.test(provider) || provider.length > 253) return null;
  if (view === 'invitations') return { kind: 'invitation', provider: provider.toLowerCase(), invitationId: id };
  if (view === 'accounts') return { kind: 'account', provider: provider.toLowerCase(), accountId: id };
  return null;
}

function decodeSegment(segment: string): string | null {
  if (segment.length === 0) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  if (decoded.length === 0 || decoded.length > MAX_ID) return null;
  if (/[\u0000-\u001f\u007f-\u009f/\\]/.test(decoded)) return null;
  if (decoded === '.' || decoded === '..') return null;
  return decoded;
}

export interface LinkableConnection {
  id: string;
  baseUrl: string;
}

/**
 * Where a parsed link leads, given the user's connections. The provider part picks the connection
 * by id, else by host; when several connections share the host, `knows` (does this connection
 * know that invitation or account?) breaks the tie. A link to something no connection can be
 * matched to still opens the right view, without the item.
 */
export function resolveDeepLink(
  link: DeepLink,
  connections: readonly LinkableConnection[],
  knows: (connectionId: string, itemId: string) => boolean = () => false,
): NavigateTarget {
  if (link.kind === 'view') return { view: link.view };
  const itemId = link.kind === 'invitation' ? link.invitationId : link.accountId;
  const byId = connections.filter((c) => c.id.toLowerCase() === link.provider);
  let candidates = byId.length > 0 ? byId : connections.filter((c) => hostOf(c.baseUrl) === link.provider);
  if (candidates.length > 1) {
    const knowing = candidates.filter((c) => knows(c.id, itemId));
    candidates = knowing.length > 0 ? knowing : candidates;
  }
  const connectionId = candidates.length === 1 ? candidates[0]!.id : undefined;
  if (link.kind === 'invitation') {
    return connectionId ? { view: 'invitations', connectionId, invitationId: link.invitationId } : { view: 'invitations', invitationId: link.invitationId };
  }
  return connectionId ? { view: 'account', connectionId, accountId: link.accountId } : { view: 'accounts' };
}

function hostOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The deep link among a process's arguments (Windows and Linux pass it on the command line). */
export function findDeepLinkArgument(argv: readonly string[]): string | null {
  return argv.find((arg) => /^clientdeck:/i.test(arg)) ?? null;
}
