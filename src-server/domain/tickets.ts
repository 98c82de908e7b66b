import type { Kysely } from 'kysely';
import type { Ticket } from '../../src-shared/api/activity.js';
import type { Database, TicketRow, UserRow } from '../db/tables.js';
import { assertPermission, requireGrant } from './access.js';
import { requireAccountExists, touchAccount } from './accounts.js';
import type { ClientAreaContext } from './context.js';
import { mailAccount } from './mail-routing.js';
import { type ListQuery, decodePair, pageOf } from './paging.js';
import { newId } from './tokens.js';

type TicketWithOpener = TicketRow & { opener_id: string; opener_name: string; opener_email: string };

/** Tickets with who opened them; tickets from before openers were recorded count as the owner's. */
function ticketsQuery(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('tickets')
    .innerJoin('accounts', 'accounts.id', 'tickets.account_id')
    .leftJoin('users as opener', 'opener.id', 'tickets.opened_by')
    .innerJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .selectAll('tickets')
    .select((eb) => [
      eb.fn.coalesce('opener.id', 'owner.id').as('opener_id'),
      eb.fn.coalesce('opener.name', 'owner.name').as('opener_name'),
      eb.fn.coalesce('opener.email', 'owner.email').as('opener_email'),
    ])
    .where('tickets.account_id', '=', accountId);
}

function toTicket(row: TicketWithOpener): Ticket {
  return {
    id: row.id,
    accountId: row.account_id,
    subject: row.subject,
    body: row.body,
    status: row.status,
    openedBy: { userId: row.opener_id, name: row.opener_name, email: row.opener_email },
    // docs/ARCHITECTURE.md §9: a ticket opened by an authorized user is marked as such.
    openedAs: row.opened_as === 'authorized_user' || (row.opened_as !== null && row.opened_as !== 'owner') ? 'authorized_user' : 'owner',
    createdAt: row.created_at,
  };
}

/** The account's tickets, newest first, for the owner and users granted `tickets`. */
export async function listTickets(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertPermission(grant, 'tickets');
  let q = ticketsQuery(db, accountId);
  if (query.cursor) {
    const [at, id] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb('tickets.created_at', '<', at), eb.and([eb('tickets.created_at', '=', at), eb('tickets.id', '<', id)])]));
  }
  const rows = await q
    .orderBy('tickets.created_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (r) => [r.created_at, r.id], toTicket);
}

/**
 * Opens a ticket, recording who opened it and whether as the owner or as an authorized user; the
 * owner and the contacts who chose support mails are told.
 */
export async function openTicket(ctx: ClientAreaContext, actor: UserRow, accountId: string, input: { subject: string; body: string }): Promise<Ticket> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(grant, 'tickets');
  const account = await requireAccountExists(ctx.db, accountId);
  const id = newId('tkt');
  const openedAs = grant.role === 'owner' ? 'owner' : 'authorized_user';
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tickets')
      .values({
        id,
        account_id: accountId,
        subject: input.subject,
        body: input.body,
        status: 'open',
        opened_by: actor.id,
        opened_as: openedAs,
        created_at: now.toISOString(),
      })
      .execute();
    await touchAccount(trx, now, accountId);
    await mailAccount(trx, ctx.mailer, now, accountId, 'support', 'ticket_opened', {
      accountName: account.name,
      subject: input.subject,
      openedBy: actor.name,
      openedAsAuthorizedUser: openedAs === 'authorized_user',
    });
  });
  const row = await ticketsQuery(ctx.db, accountId).where('tickets.id', '=', id).executeTakeFirstOrThrow();
  return toTicket(row);
}
