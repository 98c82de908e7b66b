import type { IncomingInvitation } from '../../../../src-shared/api/invitations.js';
import { whmcsFailures } from './failures.js';
import { formFor } from './pages.js';
import { route, type WhmcsSession } from './session.js';
import type { SwitchAccountRow } from './pages.js';

/** The token of a WHMCS invite link (`…/invite/<token>`, in any URL style), or the token itself. */
export function invitationToken(link: string): string | null {
  const trimmed = link.trim();
  if (/^[A-Za-z0-9]{16,64}$/.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  const path = url.searchParams.get('rp') ?? url.pathname;
  return /\/invite\/([A-Za-z0-9]{16,64})\/?$/.exec(path)?.[1] ?? null;
}

/**
 * Accepts the invite behind `token` as the signed-in user; call inside `exclusive`. WHMCS shows one
 * "not found" page for an unknown, expired or used link (no accept form), so the reason is one
 * sentence for the three. The account joined is the one the Switch Account list gained.
 */
export async function acceptInvitationLink(
  session: WhmcsSession,
  token: string,
  now: Date,
  signal: AbortSignal | undefined,
): Promise<{ invitation: IncomingInvitation; account: SwitchAccountRow | null }> {
  const before = new Set((await session.accountList(signal)).map((row) => row.id));
  const page = await session.page(route(`/invite/${token}`), undefined, signal);
  const form = formFor(page, new RegExp(`^/invite/${token}(/|$)`));
  if (!form) throw whmcsFailures.invitationInvalid(session.provider);
  await session.page(new URL(form.attr('action') ?? '', page.url).href, new URLSearchParams(), signal);
  const after = await session.accountList(signal);
  const joined = after.find((row) => !before.has(row.id)) ?? null;
  const at = now.toISOString();
  return {
    invitation: {
      id: token,
      account: { id: joined?.id ?? token, name: joined?.name ?? '' },
      invitedBy: { name: '', email: '' },
      role: 'member',
      permissions: [],
      scope: null,
      status: 'accepted',
      createdAt: at,
      expiresAt: at,
    },
    account: joined,
  };
}
