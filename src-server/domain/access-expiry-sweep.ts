/**
 * The moments expiring access reaches by itself (docs/ARCHITECTURE.md §5 "Expiring access"): at
 * its end a grant goes with what it left behind; three days before, the person and the owner are
 * reminded once. Run before every request (retiring only) and on the server's timer (both).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { endAccessTraces } from './account-users.js';
import { recordAudit } from './audit.js';
import { addDays, type Clock } from './clock.js';
import type { ClientAreaContext } from './context.js';
import type { MailQueue } from './mail.js';
import { mailAddressOf } from './users.js';

/** How long before the end the person and the owner get the reminder mail. */
export const REMINDER_DAYS = 3;

/** How many due grants one pass handles; the next request or sweep takes the rest. */
const BATCH = 100;

/**
 * Retires every grant whose end has come: the membership and its traces go, `access.expired` is
 * recorded. Each grant is claimed by deleting its membership, so two servers on one store (or a
 * request racing the timer) retire it exactly once. Returns how many were retired.
 */
export async function retireExpiredAccess(db: Kysely<Database>, clock: Clock): Promise<number> {
  const now = clock();
  const due = await db.selectFrom('access_expiries').selectAll().where('expires_at', '<=', now.toISOString()).orderBy('expires_at').limit(BATCH).execute();
  let retired = 0;
  for (const row of due) {
    const gone = await db.transaction().execute(async (trx) => {
      const subject = await trx.selectFrom('users').select('email').where('id', '=', row.user_id).executeTakeFirst();
      const removed = await trx.deleteFrom('memberships').where('id', '=', row.membership_id).where('role', '!=', 'owner').executeTakeFirst();
      // An owner's grant never ends by itself (ownership moved to someone with an end): drop the end only.
      await trx.deleteFrom('access_expiries').where('membership_id', '=', row.membership_id).execute();
      if (Number(removed.numDeletedRows) !== 1) return false;
      await endAccessTraces(trx, now, row.account_id, row.user_id);
      await recordAudit(trx, now, {
        accountId: row.account_id,
        actorId: null,
        action: 'access.expired',
        subject: subject?.email ?? null,
        detail: { userId: row.user_id, expiresAt: row.expires_at },
      });
      return true;
    });
    if (gone) retired++;
  }
  return retired;
}

/**
 * Mails the person and the owner once when a grant ends within three days, and records
 * `access.expiry_reminded`. The reminder is claimed by a conditional update, so it goes once
 * however many sweeps run. Returns how many grants were reminded of.
 */
export async function remindExpiringAccess(db: Kysely<Database>, mailer: MailQueue, clock: Clock): Promise<number> {
  const now = clock();
  const at = now.toISOString();
  const due = await db
    .selectFrom('access_expiries')
    .innerJoin('users as person', 'person.id', 'access_expiries.user_id')
    .innerJoin('accounts', 'accounts.id', 'access_expiries.account_id')
    .innerJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select([
      'access_expiries.membership_id',
      'access_expiries.account_id',
      'access_expiries.user_id',
      'access_expiries.expires_at',
      'accounts.name as account_name',
      'person.name as person_name',
      'person.email as person_email',
      'person.notification_email as person_notification_email',
      'person.language as person_language',
      'owner.name as owner_name',
      'owner.email as owner_email',
      'owner.notification_email as owner_notification_email',
      'owner.language as owner_language',
    ])
    .where('access_expiries.reminded_at', 'is', null)
    .where('access_expiries.expires_at', '>', at)
    .where('access_expiries.expires_at', '<=', addDays(now, REMINDER_DAYS).toISOString())
    .limit(BATCH)
    .execute();
  let reminded = 0;
  for (const row of due) {
    const sent = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('access_expiries')
        .set({ reminded_at: at })
        .where('membership_id', '=', row.membership_id)
        .where('reminded_at', 'is', null)
        .where('expires_at', '=', row.expires_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const vars = { accountName: row.account_name, name: row.person_name, expiresAt: row.expires_at };
      const person = { email: row.person_email, notification_email: row.person_notification_email };
      const owner = { email: row.owner_email, notification_email: row.owner_notification_email };
      await mailer.enqueue(trx, now, {
        to: mailAddressOf(person),
        kind: 'access',
        template: 'access_expiring',
        language: row.person_language,
        vars,
        accountId: row.account_id,
      });
      await mailer.enqueue(trx, now, {
        to: mailAddressOf(owner),
        kind: 'access',
        template: 'access_expiring_owner',
        language: row.owner_language,
        vars: { ...vars, memberName: row.person_name, memberEmail: row.person_email, name: row.owner_name },
        accountId: row.account_id,
      });
      await recordAudit(trx, now, {
        accountId: row.account_id,
        actorId: null,
        action: 'access.expiry_reminded',
        subject: row.person_email,
        detail: { userId: row.user_id, expiresAt: row.expires_at },
      });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}

/** One pass of the timer: grants that ended go, grants about to end are reminded of. */
export async function sweepAccessExpiry(ctx: Pick<ClientAreaContext, 'db' | 'clock' | 'mailer'>): Promise<{ retired: number; reminded: number }> {
  const retired = await retireExpiredAccess(ctx.db, ctx.clock);
  const reminded = await remindExpiringAccess(ctx.db, ctx.mailer, ctx.clock);
  return { retired, reminded };
}
