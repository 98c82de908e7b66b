import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { OutboxKind, type OutboxMessage, type OutboxPage, type OutboxQuery } from '../../src-shared/api/mail.js';
import type { Database, OutboxRow } from '../db/tables.js';
import { decodePair, encodeKeyset } from '../domain/paging.js';

export function toOutboxMessage(row: OutboxRow): OutboxMessage {
  const kind = OutboxKind.safeParse(row.kind);
  return {
    id: row.id,
    accountId: row.account_id,
    to: row.to_address,
    kind: kind.success ? kind.data : 'general',
    template: row.template,
    language: row.language,
    subject: row.subject,
    text: row.text,
    html: row.html,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    deliveryError: row.delivery_error,
  };
}

/** The outbox, newest first: the development mail viewer of the panel and the admin API read it. */
export async function listOutbox(db: Kysely<Database>, query: z.output<typeof OutboxQuery>): Promise<OutboxPage> {
  let q = db.selectFrom('outbox').selectAll();
  if (query.to) q = q.where('to_address', '=', query.to);
  if (query.accountId) q = q.where('account_id', '=', query.accountId);
  if (query.cursor) {
    const [at, id] = decodePair(query.cursor);
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toOutboxMessage), nextCursor: rows.length > query.limit && last ? encodeKeyset([last.created_at, last.id]) : null };
}

export async function findOutboxMessage(db: Kysely<Database>, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxMessage(row) : undefined;
}
