import type { Kysely } from 'kysely';
import type { MailKind } from '../../src-shared/api/contacts.js';
import type { Database } from '../db/tables.js';
import { parsePreferences } from './contacts.js';
import type { MailQueue, TemplateName, TemplateVars } from './mail.js';

export interface Recipient {
  address: string;
  language: string;
}

/**
 * Who gets an account mail of one kind (docs/ARCHITECTURE.md §9): the owner, always, at their notification
 * address when they set one, and every contact who chose that kind. Contacts have no language of
 * their own and get the owner's. Each address once.
 */
export async function recipientsFor(db: Kysely<Database>, accountId: string, kind: MailKind): Promise<Recipient[]> {
  const owner = await db
    .selectFrom('accounts')
    .innerJoin('users', 'users.id', 'accounts.owner_id')
    .select(['users.email', 'users.notification_email', 'users.language'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!owner) return [];
  const recipients = new Map<string, Recipient>();
  const ownerAddress = (owner.notification_email ?? owner.email).toLowerCase();
  recipients.set(ownerAddress, { address: ownerAddress, language: owner.language });
  const contacts = await db.selectFrom('contacts').select(['email', 'email_preferences']).where('account_id', '=', accountId).orderBy('created_at').execute();
  for (const c of contacts) {
    const address = c.email.toLowerCase();
    if (parsePreferences(c.email_preferences)[kind] && !recipients.has(address)) recipients.set(address, { address, language: owner.language });
  }
  return [...recipients.values()];
}

/** Sends an account mail of one kind to everyone who should get it; returns the addresses. */
export async function mailAccount<T extends TemplateName>(
  db: Kysely<Database>,
  mailer: MailQueue,
  now: Date,
  accountId: string,
  kind: MailKind,
  template: T,
  vars: TemplateVars[T],
): Promise<string[]> {
  const recipients = await recipientsFor(db, accountId, kind);
  for (const r of recipients) {
    await mailer.enqueue(db, now, { to: r.address, kind, template, language: r.language, vars, accountId });
  }
  return recipients.map((r) => r.address);
}
