import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../src-shared/api/schemas.js';
import { SETTINGS } from '../config/settings.js';
import type { UserRow } from '../db/tables.js';
import { getAccount, listAccounts } from '../domain/accounts.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { consumeSsoToken, panelUser } from '../domain/sso.js';
import { type Html, html, page } from './html.js';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function sendPage(reply: FastifyReply, status: number, title: string, body: Html, who?: Html): FastifyReply {
  return reply.code(status).headers(SECURITY_HEADERS).type('text/html; charset=utf-8').send(page(title, body, who));
}

export function sendPanelError(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  return sendPage(reply, status, title, html`<h1>${title}</h1><p>${message}</p>`);
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** "Signed in as <name> (<email>) — <role>": every page says whose account this is and as what. */
const signedInAs = (user: UserRow, role?: string) => html`Signed in as ${user.name} (${user.email})${role ? ` — ${role}` : ''}`;

const SSO_FAILURES = {
  unknown: 'This sign-in link is not valid. Open the panel again from Clientdeck to get a new one.',
  used: 'This sign-in link has already been used. Each link works once; open the panel again from Clientdeck.',
  expired: 'This sign-in link has expired (links work for 60 seconds). Open the panel again from Clientdeck.',
  no_access: 'You no longer have access to this account. Ask its owner if you think this is a mistake.',
} as const;

/** The server-rendered panel: single sign-on landing, account chooser and account dashboard. */
export async function panelRoutes(app: FastifyInstance, { ctx }: { ctx: ClientAreaContext }): Promise<void> {
  app.get<{ Params: { token: string } }>('/panel/sso/:token', { schema: { hide: true } }, async (request, reply) => {
    const outcome = await consumeSsoToken(ctx.db, ctx.clock(), request.params.token);
    if (!outcome.ok) {
      return sendPanelError(reply, outcome.reason === 'no_access' ? 403 : 410, 'This link cannot be used', SSO_FAILURES[outcome.reason]);
    }
    const secure = request.protocol === 'https' ? '; Secure' : '';
    return reply
      .code(303)
      .headers(SECURITY_HEADERS)
      .header(
        'set-cookie',
        `${SETTINGS.panelCookie}=${outcome.panelToken}; Path=/panel; HttpOnly; SameSite=Lax; Max-Age=${SETTINGS.panelSessionSeconds}${secure}`,
      )
      .redirect(`/panel/accounts/${encodeURIComponent(outcome.accountId)}`, 303);
  });

  const signedInUser = async (request: FastifyRequest) => panelUser(ctx.db, ctx.clock(), readCookie(request, SETTINGS.panelCookie));
  const notSignedIn = (reply: FastifyReply) =>
    sendPanelError(reply, 401, 'You are not signed in', 'Open the panel from Clientdeck, or use a new sign-in link.');

  app.get('/panel', { schema: { hide: true } }, async (request, reply) => {
    const user = await signedInUser(request);
    if (!user) return notSignedIn(reply);
    const { items } = await listAccounts(ctx.db, ctx.clock(), user.id, { limit: 1000 });
    const first = items[0];
    if (items.length === 1 && first) return reply.redirect(`/panel/accounts/${encodeURIComponent(first.id)}`, 303);
    return sendPage(reply, 200, 'Choose an account', html`<h1>Choose an account</h1>${accountLinks(items)}`, signedInAs(user));
  });

  app.get<{ Params: { id: string } }>('/panel/accounts/:id', { schema: { hide: true } }, async (request, reply) => {
    const user = await signedInUser(request);
    if (!user) return notSignedIn(reply);
    const now = ctx.clock();
    let account: Account;
    try {
      account = await getAccount(ctx.db, now, user.id, request.params.id);
    } catch (error) {
      if (error instanceof ClientAreaError && error.code === 'not_found') {
        return sendPanelError(reply, 404, 'Account not found', 'This account does not exist, or you have no access to it.');
      }
      throw error;
    }
    const { items } = await listAccounts(ctx.db, now, user.id, { limit: 1000 });
    const others = items.filter((a) => a.id !== account.id);
    const s = account.summary;
    const body = html`
<h1>${account.name}</h1>
<p>${signedInAs(user, account.role)}</p>
<ul class="cards" aria-label="Summary">
  <li><strong>${s.services}</strong> services</li>
  <li><strong>${s.domainsExpiringSoon}</strong> domains expiring within 30 days</li>
  <li><strong>${s.unpaidInvoices}</strong> unpaid invoices</li>
  <li><strong>${s.openTickets}</strong> open tickets</li>
</ul>
<h2>Your permissions</h2>
<p>${account.permissions.length > 0 ? account.permissions.join(', ') : 'none'}</p>
${others.length > 0 ? html`<nav aria-label="Switch account"><h2>Switch account</h2>${accountLinks(others)}</nav>` : ''}`;
    return sendPage(reply, 200, account.name, body, signedInAs(user, account.role));
  });
}

function accountLinks(accounts: Account[]): Html {
  return html`<ul>${accounts.map((a) => html`<li><a href="/panel/accounts/${encodeURIComponent(a.id)}">${a.name}</a> (${a.role})</li>`)}</ul>`;
}
