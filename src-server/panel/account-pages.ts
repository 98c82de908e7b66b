import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ticket } from '../../src-shared/api/activity.js';
import type { Account } from '../../src-shared/api/accounts.js';
import { getAccount, listAccounts } from '../domain/accounts.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { chromeFor } from './chrome.js';
import { type Dashboard, loadDashboard } from './dashboard-data.js';
import { type Html, html } from './html.js';
import { seeOther, sendPage, sendPanelError } from './responses.js';
import { currentSession, type PanelSession } from './session.js';
import { PERMISSION_LABELS, scopeWords } from './words.js';
import { sendSignInPage } from './sign-in-pages.js';
import { accessRequestSection, pendingRequestsFor } from './access-request-section.js';

/** How many accounts the chooser and the switcher list; a login with more uses Clientdeck's search. */
const CHOOSER_LIMIT = 1000;

export interface AccountView {
  session: PanelSession;
  account: Account;
  accounts: Account[];
}

/**
 * The signed-in visitor and the account of the page, checked on every request: without a session
 * the sign-in form answers (401); without access to the account, 404 (no probing).
 */
export async function requireAccountView(
  ctx: ClientAreaContext,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
): Promise<AccountView | undefined> {
  const session = await requireSession(ctx, request, reply);
  if (!session) return undefined;
  const now = ctx.clock();
  // A view-as session shows the one account its owner opened it for, nothing else of that user.
  if (session.impersonator && session.accountId !== accountId) {
    sendPanelError(reply, 404, 'Account not found', 'This read-only view covers one account only. End the view to go back.', chromeFor(session));
    return undefined;
  }
  let account: Account;
  try {
    account = await getAccount(ctx.db, now, session.viewer.id, accountId);
  } catch (error) {
    if (error instanceof ClientAreaError && error.code === 'not_found') {
      sendPanelError(reply, 404, 'Account not found', 'This account does not exist, or you have no access to it.', chromeFor(session));
      return undefined;
    }
    throw error;
  }
  return { session, account, accounts: await reachableAccounts(ctx, session) };
}

/** What the chooser and the switcher offer: every account of the viewer, or the one of a view-as session. */
export async function reachableAccounts(ctx: ClientAreaContext, session: PanelSession): Promise<Account[]> {
  const { items } = await listAccounts(ctx.db, ctx.clock(), session.viewer.id, { limit: CHOOSER_LIMIT });
  return session.impersonator ? items.filter((a) => a.id === session.accountId) : items;
}

export async function requireSession(ctx: ClientAreaContext, request: FastifyRequest, reply: FastifyReply): Promise<PanelSession | undefined> {
  const session = await currentSession(ctx, request);
  if (!session) {
    sendSignInPage(request, reply, { status: 401, next: request.url, error: 'You are not signed in. Sign in, or open the panel from Clientdeck.' });
    return undefined;
  }
  return session;
}

export function accountPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  // The account chooser: one account leads straight into it, several are offered.
  app.get('/panel', async (request, reply) => {
    const session = await requireSession(ctx, request, reply);
    if (!session) return reply;
    const items = await reachableAccounts(ctx, session);
    const only = items[0];
    if (items.length === 1 && only) return seeOther(reply, accountPath(only.id));
    const body =
      items.length === 0
        ? html`<h1>No accounts yet</h1><p>You have no access to any account. When someone invites you, the invitation appears in Clientdeck and in your mail.</p>`
        : html`<h1>Choose an account</h1><p>You can reach ${items.length} accounts. You can switch at any time from the top of every page.</p>${accountLinks(items)}`;
    return sendPage(reply, 200, items.length === 0 ? 'No accounts' : 'Choose an account', body, chromeFor(session, { accounts: items }));
  });

  app.get<{ Querystring: { account?: string } }>('/panel/switch', async (request, reply) => {
    const id = typeof request.query.account === 'string' ? request.query.account : '';
    return seeOther(reply, id ? accountPath(id) : '/panel');
  });

  app.get<{ Params: { id: string } }>('/panel/accounts/:id', async (request, reply) => {
    const view = await requireAccountView(ctx, request, reply, request.params.id);
    if (!view) return reply;
    const { session, account, accounts } = view;
    const dashboard = await loadDashboard(ctx.db, ctx.clock(), session.viewer, account);
    const requests = await pendingRequestsFor(ctx, session.viewer, account);
    const body = html`
<h1>${account.name}</h1>
${accessRequestSection(account, requests, session)}
${dashboardBody(account, dashboard, !session.impersonator)}
<section aria-label="Your access"><h2>Your access</h2>
${account.permissions.length > 0 ? html`<ul>${account.permissions.map((p) => html`<li>${PERMISSION_LABELS[p]}</li>`)}</ul>` : html`<p>No permissions.</p>`}
${account.scope ? html`<p class="muted">${scopeWords(account.scope)}</p>` : ''}</section>`;
    return sendPage(reply, 200, account.name, body, chromeFor(session, { account, accounts }));
  });
}

export const accountPath = (id: string) => `/panel/accounts/${encodeURIComponent(id)}`;

function accountLinks(accounts: Account[]): Html {
  return html`<ul>${accounts.map((a) => html`<li><a href="${accountPath(a.id)}">${a.name}</a> (${a.role})</li>`)}</ul>`;
}

const money = (cents: number) => `${(cents / 100).toFixed(2)}`;
const day = (iso: string) => iso.slice(0, 10);
const count = (list: unknown[] | null, filter?: (x: never) => boolean) =>
  list === null ? 'no access' : String(filter ? list.filter(filter as (x: unknown) => boolean).length : list.length);

function dashboardBody(account: Account, d: Dashboard, canWrite: boolean): Html {
  return html`
<ul class="cards" aria-label="Summary">
  <li><strong>${count(d.services, (s: { status: string }) => s.status !== 'cancelled')}</strong> services</li>
  <li><strong>${count(d.domains, (x: { expiresSoon: boolean }) => x.expiresSoon)}</strong> domains expiring within 30 days</li>
  <li><strong>${count(d.invoices, (i: { status: string }) => i.status === 'unpaid')}</strong> unpaid invoices</li>
  <li><strong>${count(d.tickets, (t: { status: string }) => t.status !== 'closed')}</strong> open tickets</li>
</ul>
${section('Services', d.services, ['Service', 'Status'], (s) => [s.name, s.status])}
${section('Domains', d.domains, ['Domain', 'Expires'], (x) => [x.name, html`${day(x.expiresAt)}${x.expiresSoon ? html` <span class="tag">soon</span>` : ''}`])}
${section('Invoices', d.invoices, ['Invoice', 'Amount', 'Status', 'Due'], (i) => [i.id, money(i.amountCents), i.status, day(i.dueAt)])}
${section('Tickets', d.tickets, ['Subject', 'Status', 'Opened by'], (t) => [html`<a href="${accountPath(account.id)}/tickets/${encodeURIComponent(t.id)}">${t.subject}</a>`, t.status, openedBy(t)])}
${d.tickets !== null ? html`<p><a href="${accountPath(account.id)}/tickets">All tickets${canWrite ? ' and a new ticket' : ''}</a></p>` : ''}`;
}

/** docs/ARCHITECTURE.md §9: a ticket opened by an authorized user is marked as such. */
export function openedBy(t: Pick<Ticket, 'openedBy' | 'openedAs'>): string {
  return t.openedAs === 'authorized_user' ? `${t.openedBy.name} (authorized user)` : `${t.openedBy.name} (owner)`;
}

function section<T>(title: string, rows: T[] | null, head: string[], cells: (row: T) => unknown[]): Html {
  if (rows === null) return html`<section><h2>${title}</h2><p class="muted">Your access to this account does not include ${title.toLowerCase()}.</p></section>`;
  if (rows.length === 0) return html`<section><h2>${title}</h2><p class="muted">None.</p></section>`;
  return html`<section><h2>${title}</h2><table><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${cells(r).map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</tbody></table></section>`;
}
