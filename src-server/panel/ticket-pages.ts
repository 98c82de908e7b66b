import type { FastifyInstance, FastifyReply } from 'fastify';
import { CreateTicket, type Ticket } from '../../src-shared/api/activity.js';
import { isInvalidCharactersIssue } from '../../src-shared/api/human-text.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { encodeKeyset } from '../domain/paging.js';
import { listTickets, openTicket } from '../domain/tickets.js';
import { type AccountView, accountPath, openedBy, requireAccountView } from './account-pages.js';
import { chromeFor } from './chrome.js';
import { csrfField, sessionCsrfToken, validSessionCsrf } from './csrf.js';
import { formOf } from './forms.js';
import { type Html, html } from './html.js';
import { seeOther, sendPage, sendPanelError } from './responses.js';

const LIST_LIMIT = 500;

/**
 * Support tickets of one account (docs/ARCHITECTURE.md §9): the list, each with who opened it (an authorized
 * user is marked as such), one ticket, and the form to open one. Needs the `tickets` permission.
 */
export function ticketPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  const ticketsView = async (view: AccountView, reply: FastifyReply): Promise<Ticket[] | undefined> => {
    if (!view.account.permissions.includes('tickets')) {
      sendPanelError(
        reply,
        403,
        'No access to tickets',
        'Your access to this account does not include support tickets. Ask its owner if you need it.',
        chromeFor(view.session, view),
      );
      return undefined;
    }
    return (await listTickets(ctx.db, view.session.viewer, view.account.id, { limit: LIST_LIMIT })).items;
  };

  const listPage = (
    reply: FastifyReply,
    view: AccountView,
    tickets: Ticket[],
    status = 200,
    form: { error?: string; subject?: string; body?: string } = {},
  ) => {
    const { session, account } = view;
    const rows = tickets.map(
      (t) =>
        html`<tr><td><a href="${accountPath(account.id)}/tickets/${encodeURIComponent(t.id)}">${t.subject}</a></td><td>${t.status}</td><td>Opened by ${openedBy(t)}</td><td>${t.createdAt.slice(0, 10)}</td></tr>`,
    );
    const newTicket: Html = session.impersonator
      ? html`<p class="muted">This is a read-only view: no ticket can be opened here.</p>`
      : html`<h2>Open a ticket</h2>
<form method="post" action="${accountPath(account.id)}/tickets" class="stack" aria-label="Open a ticket">
${csrfField(sessionCsrfToken(session.token))}
${form.error ? html`<p class="error" role="alert">${form.error}</p>` : ''}
<label>Subject <input type="text" name="subject" required maxlength="200" value="${form.subject ?? ''}"></label>
<label>Message <textarea name="body" required maxlength="20000" rows="6">${form.body ?? ''}</textarea></label>
<button type="submit">Open ticket</button>
</form>`;
    return sendPage(
      reply,
      status,
      `Tickets · ${account.name}`,
      html`<p><a href="${accountPath(account.id)}">Back to ${account.name}</a></p>
<h1>Support tickets</h1>
${tickets.length === 0 ? html`<p>No tickets yet.</p>` : html`<table><thead><tr><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Opened by</th><th scope="col">Opened</th></tr></thead><tbody>${rows}</tbody></table>`}
${newTicket}`,
      chromeFor(session, view),
    );
  };

  /** One ticket, read through the same list function as the API (its keyset starts right after the newer ones). */
  const findTicket = async (view: AccountView, ticketId: string): Promise<Ticket | undefined> => {
    const row = await ctx.db
      .selectFrom('tickets')
      .select(['id', 'created_at'])
      .where('id', '=', ticketId)
      .where('account_id', '=', view.account.id)
      .executeTakeFirst();
    if (!row) return undefined;
    // Newest first by (created_at, id): a cursor just above this ticket's key starts the page with it.
    const page = await listTickets(ctx.db, view.session.viewer, view.account.id, { limit: 5, cursor: encodeKeyset([row.created_at, `${row.id}~`]) });
    return page.items.find((t) => t.id === ticketId);
  };

  app.get<{ Params: { id: string } }>('/panel/accounts/:id/tickets', async (request, reply) => {
    const view = await requireAccountView(ctx, request, reply, request.params.id);
    if (!view) return reply;
    const tickets = await ticketsView(view, reply);
    return tickets ? listPage(reply, view, tickets) : reply;
  });

  app.post<{ Params: { id: string } }>('/panel/accounts/:id/tickets', async (request, reply) => {
    const view = await requireAccountView(ctx, request, reply, request.params.id);
    if (!view) return reply;
    const tickets = await ticketsView(view, reply);
    if (!tickets) return reply;
    const form = formOf(request);
    if (!validSessionCsrf(view.session.token, form.csrf))
      return listPage(reply, view, tickets, 403, { ...form, error: 'This form has expired. Please send it again.' });
    const input = CreateTicket.safeParse({ subject: form.subject ?? '', body: form.body ?? '' });
    if (!input.success) {
      const characters = input.error.issues.find((issue) => issue.code === 'custom' && isInvalidCharactersIssue(issue.params));
      if (characters) return listPage(reply, view, tickets, 422, { ...form, error: characters.message });
      return listPage(reply, view, tickets, 400, { ...form, error: 'Give the ticket a subject (up to 200 characters) and a message.' });
    }
    try {
      const ticket = await openTicket(ctx, view.session.viewer, view.account.id, input.data);
      return seeOther(reply, `${accountPath(view.account.id)}/tickets/${encodeURIComponent(ticket.id)}`);
    } catch (error) {
      if (!(error instanceof ClientAreaError)) throw error;
      return listPage(reply, view, tickets, error.status, { ...form, error: error.message });
    }
  });

  app.get<{ Params: { id: string; ticketId: string } }>('/panel/accounts/:id/tickets/:ticketId', async (request, reply) => {
    const view = await requireAccountView(ctx, request, reply, request.params.id);
    if (!view) return reply;
    if (!(await ticketsView(view, reply))) return reply;
    const ticket = await findTicket(view, request.params.ticketId);
    if (!ticket) return sendPanelError(reply, 404, 'Ticket not found', 'There is no such ticket on this account.', chromeFor(view.session, view));
    return sendPage(
      reply,
      200,
      ticket.subject,
      html`<p><a href="${accountPath(view.account.id)}/tickets">All tickets of ${view.account.name}</a></p>
<h1>${ticket.subject}</h1>
<p>Opened by ${openedBy(ticket)} (${ticket.openedBy.email}) on ${ticket.createdAt.slice(0, 10)} · ${ticket.status}</p>
<pre>${ticket.body}</pre>`,
      chromeFor(view.session, view),
    );
  });
}
