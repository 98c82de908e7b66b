import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AdminCreateDomain, AdminCreateInvoice, AdminCreateService } from '../../src-shared/api/admin.js';
import type { Database } from '../db/tables.js';
import { requireAccountExists, touchAccount } from './accounts.js';
import type { MailQueue } from './mail.js';
import { mailAccount } from './mail-routing.js';
import { newId } from './tokens.js';

/** What a customer bought or asked lives on one account; each addition changes the account's summary. */
/**
 * Each addition changes what the account list shows, and tells the owner and the contacts who
 * chose that kind of mail (services, domains, billing) when a mailer is given.
 */
export async function addService(
  db: Kysely<Database>,
  now: Date,
  accountId: string,
  input: z.output<typeof AdminCreateService>,
  mailer?: MailQueue,
): Promise<string> {
  const account = await requireAccountExists(db, accountId);
  const id = newId('svc');
  await db.insertInto('services').values({ id, account_id: accountId, name: input.name, status: input.status, created_at: now.toISOString() }).execute();
  await touchAccount(db, now, accountId);
  if (mailer) await mailAccount(db, mailer, now, accountId, 'services', 'service_added', { accountName: account.name, serviceName: input.name });
  return id;
}

export async function addDomain(
  db: Kysely<Database>,
  now: Date,
  accountId: string,
  input: z.output<typeof AdminCreateDomain>,
  mailer?: MailQueue,
): Promise<string> {
  const account = await requireAccountExists(db, accountId);
  const id = newId('dom');
  await db
    .insertInto('domains')
    .values({ id, account_id: accountId, name: input.name, expires_at: new Date(input.expiresAt).toISOString(), created_at: now.toISOString() })
    .execute();
  await touchAccount(db, now, accountId);
  if (mailer) {
    await mailAccount(db, mailer, now, accountId, 'domains', 'domain_added', {
      accountName: account.name,
      domain: input.name,
      expiresAt: new Date(input.expiresAt).toISOString(),
    });
  }
  return id;
}

export async function addInvoice(
  db: Kysely<Database>,
  now: Date,
  accountId: string,
  input: z.output<typeof AdminCreateInvoice>,
  mailer?: MailQueue,
): Promise<string> {
  const account = await requireAccountExists(db, accountId);
  const id = newId('ivc');
  await db
    .insertInto('invoices')
    .values({
      id,
      account_id: accountId,
      amount_cents: input.amountCents,
      status: input.status,
      due_at: new Date(input.dueAt).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  await touchAccount(db, now, accountId);
  if (mailer) {
    const amount = `${(input.amountCents / 100).toFixed(2)} ${process.env.CLIENTAREA_CURRENCY ?? 'EUR'}`;
    await mailAccount(db, mailer, now, accountId, 'billing', 'invoice', { accountName: account.name, amount, dueAt: new Date(input.dueAt).toISOString() });
  }
  return id;
}
