import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OutboxMessage } from '../../src-shared/api/mail.js';
import type { ClientAreaContext } from '../domain/context.js';
import { secretsEqual } from '../domain/tokens.js';
import { servesThisMachineOnly } from '../http/public-origin.js';
import { findOutboxMessage, listOutbox } from '../mail/outbox.js';
import { html } from './html.js';
import { SECURITY_HEADERS, sendPage, sendPanelError } from './responses.js';

const PAGE_SIZE = 100;

/**
 * The development mail viewer (docs/ARCHITECTURE.md §10): the outbox, newest first, and each mail as text and as
 * HTML. Mails hold live links (invitations, activations), so without the admin key (a bearer
 * token) it opens only in development or demo mode on a server only this machine can reach: a
 * demo started with `--host 0.0.0.0`, or behind a proxy, would hand anyone every live token.
 */
export function devMailPages(app: FastifyInstance, ctx: ClientAreaContext, { enabled, sendsSmtp }: { enabled: boolean; sendsSmtp: boolean }): void {
  const allowed = (request: FastifyRequest) => {
    if (enabled && servesThisMachineOnly(app, ctx)) return true;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && secretsEqual(match[1], ctx.adminKey);
  };
  const refuse = (reply: FastifyReply) =>
    sendPanelError(
      reply,
      404,
      'Page not found',
      'The mail viewer is available in development and demo mode on this machine only (elsewhere to the provider administrator, with the admin key).',
    );

  app.get<{ Querystring: { to?: string; cursor?: string } }>('/panel/dev/mail', async (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const to = typeof request.query.to === 'string' && request.query.to.length <= 254 ? request.query.to.trim().toLowerCase() : undefined;
    const cursor = typeof request.query.cursor === 'string' && request.query.cursor.length <= 200 ? request.query.cursor : undefined;
    const page = await listOutbox(ctx.db, { to: to || undefined, cursor, limit: PAGE_SIZE });
    const rows = page.items.map(
      (m) =>
        html`<tr><td>${m.createdAt.replace('T', ' ').slice(0, 19)}</td><td>${m.to}</td><td>${m.kind}</td><td>${m.language}</td><td><a href="/panel/dev/mail/${encodeURIComponent(m.id)}">${m.subject}</a></td><td>${delivery(m)}</td></tr>`,
    );
    const next = page.nextCursor
      ? html`<p><a href="/panel/dev/mail?cursor=${encodeURIComponent(page.nextCursor)}${to ? `&to=${encodeURIComponent(to)}` : ''}">Older mails</a></p>`
      : '';
    return sendPage(
      reply,
      200,
      'Outbox',
      html`<h1>Outbox</h1>
<p class="muted">Every mail the client area wrote${sendsSmtp ? ', and whether SMTP took it' : ' (no SMTP is configured: mails are only stored here)'}.</p>
<form method="get" action="/panel/dev/mail" aria-label="Filter by recipient"><label>Recipient <input type="email" name="to" value="${to ?? ''}"></label> <button type="submit">Filter</button></form>
${page.items.length === 0 ? html`<p>No mails${to ? ` to ${to}` : ''} yet.</p>` : html`<table><thead><tr><th scope="col">Written</th><th scope="col">To</th><th scope="col">Kind</th><th scope="col">Language</th><th scope="col">Subject</th><th scope="col">Delivery</th></tr></thead><tbody>${rows}</tbody></table>`}
${next}`,
      { who: html`Development mail viewer` },
    );
  });

  app.get<{ Params: { id: string } }>('/panel/dev/mail/:id', async (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const mail = await findOutboxMessage(ctx.db, request.params.id);
    if (!mail) return sendPanelError(reply, 404, 'Mail not found', 'There is no such mail in the outbox.');
    return sendPage(
      reply,
      200,
      mail.subject,
      html`<p><a href="/panel/dev/mail">Back to the outbox</a></p>
<h1>${mail.subject}</h1>
<dl><dt>To</dt><dd>${mail.to}</dd><dt>Kind</dt><dd>${mail.kind} (${mail.template}, ${mail.language})</dd><dt>Written</dt><dd>${mail.createdAt}</dd><dt>Delivery</dt><dd>${delivery(mail)}</dd></dl>
<h2>Text</h2><pre>${mail.text}</pre>
<h2>HTML</h2><p><a href="/panel/dev/mail/${encodeURIComponent(mail.id)}/html">Open the HTML version</a> (shown in a sandbox: no script, no outside content).</p>`,
      { who: html`Development mail viewer` },
    );
  });

  app.get<{ Params: { id: string } }>('/panel/dev/mail/:id/html', async (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const mail = await findOutboxMessage(ctx.db, request.params.id);
    if (!mail) return sendPanelError(reply, 404, 'Mail not found', 'There is no such mail in the outbox.');
    // The mail's own markup, in a sandbox: an opaque origin that may not script, submit or load anything.
    return reply
      .headers({ ...SECURITY_HEADERS, 'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" })
      .type('text/html; charset=utf-8')
      .send(mail.html);
  });
}

function delivery(m: OutboxMessage): string {
  if (m.deliveredAt) return `sent ${m.deliveredAt.replace('T', ' ').slice(0, 19)}`;
  if (m.deliveryError) return `failed: ${m.deliveryError}`;
  return 'stored only';
}
