import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type Contact, type ContactInput, type ContactPatch, MailPreferences } from '../../src-shared/api/contacts.js';
import type { AccessGrant, OutgoingInvitation } from '../../src-shared/api/team.js';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { ContactRow, Database, UserRow } from '../db/tables.js';
import { assertPermission, requireGrant } from './access.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { notFound } from './errors.js';
import { inviteToAccount } from './outgoing-invitations.js';
import { type ListQuery, decodePair, type PageShape, pageOf, pageShapeOf, sinceIso } from './paging.js';
import { newId } from './tokens.js';

const NO_MAIL: MailPreferences = { general: false, services: false, domains: false, billing: false, support: false };

/**
 * What a stored preferences column may hold. Made once: `.partial()` builds a new schema, and each
 * new schema compiles its parser on first use, which cost every contact of every page that work.
 */
const STORED_PREFERENCES = MailPreferences.partial();

/** Stored preferences; anything unreadable means "no mail" rather than "every mail". */
export function parsePreferences(json: string): MailPreferences {
  try {
    const parsed = STORED_PREFERENCES.safeParse(JSON.parse(json));
    return parsed.success ? { ...NO_MAIL, ...parsed.data } : { ...NO_MAIL };
  } catch {
    return { ...NO_MAIL };
  }
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    company: row.company ?? '',
    address1: row.address1,
    address2: row.address2,
    city: row.city,
    region: row.region,
    postcode: row.postcode,
    country: row.country,
    phone: row.phone ?? '',
    email: row.email,
    preferences: parsePreferences(row.email_preferences),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The contact queries of every contacts request, compiled once (`db/compiled-queries.ts`): a page
 * (in its four shapes), one contact, a new one, and a change (per set of changed columns).
 */
const CONTACT_PAGE = new CompiledStatement(
  'contacts page',
  (db, v: Slots<{ accountId: string; since: string; afterName: string; afterId: string; rows: number }>, shape: PageShape) => {
    let q = db.selectFrom('contacts').selectAll().where('account_id', '=', v.accountId);
    if (shape.endsWith('since')) q = q.where('updated_at', '>=', v.since);
    if (shape.startsWith('after')) q = q.where((eb) => eb.or([eb('name', '>', v.afterName), eb.and([eb('name', '=', v.afterName), eb('id', '>', v.afterId)])]));
    return q.orderBy('name').orderBy('id').limit(v.rows);
  },
);
const ONE_CONTACT = new CompiledStatement('one contact', (db, v: Slots<{ contactId: string; accountId: string }>) =>
  db.selectFrom('contacts').selectAll().where('id', '=', v.contactId).where('account_id', '=', v.accountId),
);
const NEW_CONTACT = new CompiledStatement('new contact', (db, v: Slots<ContactRow>) => db.insertInto('contacts').values(v));
const CHANGED_CONTACT = new CompiledStatement('changed contact', (db, v: Slots<Partial<ContactRow> & { contactId: string }>, columns: string) => {
  const set: Partial<ContactRow> = {};
  for (const column of columns.split(',') as (keyof ContactRow)[]) Object.assign(set, { [column]: v[column] });
  return db.updateTable('contacts').set(set).where('id', '=', v.contactId);
});

/** Contacts belong to whoever may manage them: the owner, and users granted contacts.manage. */
async function requireContactsManager(db: Kysely<Database>, actor: UserRow, accountId: string) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertPermission(grant, 'contacts.manage');
  return grant;
}

export async function listContacts(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  await requireContactsManager(db, actor, accountId);
  const since = sinceIso(query.updatedSince);
  const [afterName, afterId] = query.cursor ? decodePair(query.cursor) : ['', ''];
  const values = { accountId, since: since ?? '', afterName, afterId, rows: query.limit + 1 };
  const rows = await CONTACT_PAGE.rows(db, values, pageShapeOf(query.cursor !== undefined && query.cursor !== '', since !== undefined));
  return pageOf(rows, query.limit, (r) => [r.name, r.id], toContact);
}

async function requireContact(db: Kysely<Database>, accountId: string, contactId: string): Promise<ContactRow> {
  const row = await ONE_CONTACT.first(db, { contactId, accountId });
  if (!row) throw notFound('The contact');
  return row;
}

export async function getContact(db: Kysely<Database>, actor: UserRow, accountId: string, contactId: string): Promise<Contact> {
  await requireContactsManager(db, actor, accountId);
  return toContact(await requireContact(db, accountId, contactId));
}

export async function createContact(
  db: Kysely<Database>,
  now: Date,
  actor: UserRow,
  accountId: string,
  input: z.output<typeof ContactInput>,
): Promise<Contact> {
  await requireContactsManager(db, actor, accountId);
  const at = now.toISOString();
  const row: ContactRow = {
    id: newId('con'),
    account_id: accountId,
    name: input.name,
    company: input.company,
    email: input.email,
    phone: input.phone,
    address: null,
    email_preferences: JSON.stringify(input.preferences),
    created_at: at,
    updated_at: at,
    address1: input.address1,
    address2: input.address2,
    city: input.city,
    region: input.region,
    postcode: input.postcode,
    country: input.country,
  };
  await db.transaction().execute(async (trx) => {
    await NEW_CONTACT.run(trx, row);
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'contact.created',
      subject: row.email,
      detail: { contactId: row.id, preferences: input.preferences },
    });
  });
  return toContact(row);
}

export async function updateContact(
  db: Kysely<Database>,
  now: Date,
  actor: UserRow,
  accountId: string,
  contactId: string,
  patch: ContactPatch,
): Promise<Contact> {
  await requireContactsManager(db, actor, accountId);
  const row = await requireContact(db, accountId, contactId);
  const { preferences, ...fields } = patch;
  const set: Partial<ContactRow> = { ...fields, updated_at: now.toISOString() };
  if (preferences) set.email_preferences = JSON.stringify({ ...parsePreferences(row.email_preferences), ...preferences });
  const columns = (Object.keys(set) as (keyof ContactRow)[]).filter((column) => set[column] !== undefined).sort();
  await db.transaction().execute(async (trx) => {
    await CHANGED_CONTACT.run(trx, { ...set, contactId }, columns.join(','));
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'contact.updated',
      subject: patch.email ?? row.email,
      detail: { contactId, changed: Object.keys(patch) },
    });
  });
  return toContact(await requireContact(db, accountId, contactId));
}

export async function deleteContact(db: Kysely<Database>, now: Date, actor: UserRow, accountId: string, contactId: string): Promise<void> {
  await requireContactsManager(db, actor, accountId);
  const row = await requireContact(db, accountId, contactId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('contacts').where('id', '=', contactId).execute();
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'contact.deleted', subject: row.email, detail: { contactId } });
  });
}

/**
 * Turns a contact into a user with panel access: an invitation to the contact's email with the
 * chosen grant (so only users.manage holders may). The contact stays until the owner removes it.
 */
export async function promoteContact(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  contactId: string,
  grant: z.output<typeof AccessGrant>,
  baseUrl: string,
): Promise<OutgoingInvitation> {
  await requireGrant(ctx.db, actor.id, accountId);
  const contact = await requireContact(ctx.db, accountId, contactId);
  const invitation = await inviteToAccount(ctx, actor, accountId, { email: contact.email, ...grant }, baseUrl, { kind: 'contact_promotion', contactId });
  await recordAudit(ctx.db, ctx.clock(), {
    accountId,
    actorId: actor.id,
    action: 'contact.promoted',
    subject: contact.email,
    detail: { contactId, invitationId: invitation.id },
  });
  return invitation;
}
