import type { AccessRequest } from '../../src-shared/api/access-requests.js';
import type { Account } from '../../src-shared/api/accounts.js';
import { listAccountRequests } from '../domain/access-requests.js';
import type { ClientAreaContext } from '../domain/context.js';
import type { UserRow } from '../db/tables.js';
import { csrfField, sessionCsrfToken } from './csrf.js';
import { type Html, html } from './html.js';
import type { PanelSession } from './session.js';
import { PERMISSION_LABELS, scopeWords } from './words.js';

/** A checkbox per asked permission; the form parser refuses repeated names, so each has its own. */
export const PERMISSION_FIELD = 'give.';

/** The open requests the dashboard shows to whoever may answer them (users.manage). */
export async function pendingRequestsFor(ctx: ClientAreaContext, viewer: UserRow, account: Account): Promise<AccessRequest[] | null> {
  if (!account.permissions.includes('users.manage')) return null;
  const page = await listAccountRequests(ctx.db, ctx.clock(), viewer, account.id, { limit: 100 });
  return page.items.filter((r) => r.status === 'pending');
}

/**
 * The dashboard's "Access requests" section: who asks, their words, the permissions asked (each
 * ticked; untick to give less) with Approve and Decline. A read-only view shows the list alone.
 */
export function accessRequestSection(account: Account, requests: AccessRequest[] | null, session: PanelSession): Html | '' {
  if (requests === null) return '';
  if (requests.length === 0) return html`<section aria-label="Access requests"><h2>Access requests</h2><p class="muted">No open requests.</p></section>`;
  const canWrite = !session.impersonator;
  const csrf = csrfField(sessionCsrfToken(session.token));
  const base = (r: AccessRequest) => `/panel/accounts/${encodeURIComponent(account.id)}/access-requests/${encodeURIComponent(r.id)}`;
  const item = (r: AccessRequest) => html`<li>
<p><strong>${r.requester.name}</strong> (${r.requester.email}) asks ${r.customerNumber ? 'by your customer number' : 'for more permissions'} · expires ${r.expiresAt.slice(0, 10)}</p>
<blockquote>${r.message}</blockquote>
${r.scope ? html`<p class="muted">Asked for: ${scopeWords(r.scope)}</p>` : ''}
${
  canWrite
    ? html`<form method="post" action="${base(r)}/approve">${csrf}<fieldset><legend>Permissions to give</legend>${r.permissions.map(
        (p) => html`<label><input type="checkbox" name="${PERMISSION_FIELD}${p}" checked> ${PERMISSION_LABELS[p]}</label><br>`,
      )}</fieldset><button type="submit">Approve</button></form>
<form method="post" action="${base(r)}/decline">${csrf}<button type="submit">Decline</button></form>`
    : html`<ul>${r.permissions.map((p) => html`<li>${PERMISSION_LABELS[p]}</li>`)}</ul>`
}
</li>`;
  return html`<section aria-label="Access requests"><h2>Access requests</h2><ul>${requests.map(item)}</ul></section>`;
}
