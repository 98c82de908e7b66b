import { Kysely, Migrator, PostgresAdapter, sql, type Migration } from 'kysely';
import type { Database } from './tables.js';

/**
 * Migrations live in code (no files to ship next to a bundled server) and use only portable types,
 * so the same history runs on SQLite and PostgreSQL.
 */
/** A migration sees the schema as it was when the migration was written, not today's typed one. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaThen = Kysely<any>;

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: SchemaThen) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('notification_email', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('customer_number', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('memberships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('scope', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // One grant per user and account, whatever races happen while invitations are accepted.
        .addUniqueConstraint('memberships_account_user', ['account_id', 'user_id'])
        .execute();
      await db.schema.createIndex('memberships_user').on('memberships').columns(['user_id', 'account_id']).execute();

      await db.schema
        .createTable('invitations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('email', 'text')
        .addColumn('customer_number', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('scope', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invitations_email').on('invitations').column('email').execute();
      await db.schema.createIndex('invitations_customer_number').on('invitations').column('customer_number').execute();
      await db.schema.createIndex('invitations_account').on('invitations').column('account_id').execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('company', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('address', 'text')
        .addColumn('email_preferences', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // What a customer bought and asked: each row belongs to one account.
      for (const table of ['services', 'domains', 'invoices', 'tickets'] as const) {
        const builder = db.schema
          .createTable(table)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull());
        if (table === 'services') {
          await builder
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .execute();
        } else if (table === 'domains') {
          await builder
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('expires_at', 'text', (c) => c.notNull())
            .execute();
        } else if (table === 'invoices') {
          await builder
            .addColumn('amount_cents', 'bigint', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('due_at', 'text', (c) => c.notNull())
            .execute();
        } else {
          await builder
            .addColumn('subject', 'text', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('opened_by', 'text')
            .addColumn('opened_as', 'text')
            .execute();
        }
        await db.schema.createIndex(`${table}_account`).on(table).column('account_id').execute();
      }
      await db.schema.createIndex('contacts_account').on('contacts').column('account_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('access_hash', 'text', (c) => c.notNull().unique())
        .addColumn('access_expires_at', 'text', (c) => c.notNull())
        .addColumn('refresh_hash', 'text', (c) => c.notNull().unique())
        .addColumn('refresh_expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('sso_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('panel_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('detail', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_account').on('audit_events').columns(['account_id', 'created_at']).execute();
    },
  },
};

migrations['0002_idempotency_keys'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key_hash', 'text', (c) => c.primaryKey())
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('content_type', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
  },
};

/**
 * Wave 2: managed users, mail languages and verification, invitation kinds and consent, contact
 * addresses, ticket bodies, service assignees, view-as sessions, one-time user links, ownership
 * transfers and the mail outbox.
 */
migrations['0003_access_workflows'] = {
  async up(db: SchemaThen) {
    const add = async (table: string, column: string, type: 'text' | 'integer', notNullDefault?: string | number) => {
      await db.schema
        .alterTable(table)
        .addColumn(column, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
        .execute();
    };
    await add('users', 'language', 'text', 'en');
    await add('users', 'email_verified_at', 'text');
    await add('users', 'managed_by_account', 'text');
    // Logins made so far were made by the provider (admin or demo data): their email is vouched for.
    await db
      .updateTable('users')
      .set({ email_verified_at: sql`created_at` })
      .execute();

    await add('memberships', 'origin', 'text', 'invitation');
    await db.updateTable('memberships').set({ origin: 'owner' }).where('role', '=', 'owner').execute();

    await add('invitations', 'kind', 'text', 'access');
    for (const column of ['sent_at', 'consent_text', 'consent_at', 'consent_by', 'contact_id']) await add('invitations', column, 'text');
    await db
      .updateTable('invitations')
      .set({ sent_at: sql`created_at` })
      .execute();

    for (const column of ['address1', 'address2', 'city', 'region', 'postcode', 'country']) await add('contacts', column, 'text', '');
    await db
      .updateTable('contacts')
      .set({ address1: sql`address` })
      .where('address', 'is not', null)
      .execute();

    await add('tickets', 'body', 'text', '');
    await add('services', 'assignee_id', 'text');
    await add('sso_tokens', 'impersonator_id', 'text');
    await add('panel_sessions', 'account_id', 'text');
    await add('panel_sessions', 'impersonator_id', 'text');
    await db.schema.createIndex('panel_sessions_user').on('panel_sessions').columns(['user_id', 'account_id']).execute();
    await db.schema.createIndex('sso_tokens_user').on('sso_tokens').columns(['user_id', 'account_id']).execute();
    await db.schema.createIndex('memberships_account').on('memberships').columns(['account_id', 'created_at']).execute();

    await db.schema
      .createTable('user_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('user_tokens_user').on('user_tokens').columns(['user_id', 'purpose']).execute();

    await db.schema
      .createTable('ownership_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('from_user_id', 'text', (c) => c.notNull())
      .addColumn('to_user_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ownership_transfers_account').on('ownership_transfers').column('account_id').execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text')
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('delivery_error', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('outbox_to').on('outbox').column('to_address').execute();
  },
};

/**
 * The version of everything an accounts page shows (accounts, memberships and the counted
 * services, domains, invoices and tickets), kept by the database itself: triggers bump it in the
 * writing transaction, whichever code wrote, so a conditional `GET /accounts` is answered from
 * one row instead of building its page. Expiring-soon counts move with time too: the index on
 * `domains.expires_at` finds the next moment one can change.
 */
migrations['0004_account_list_version'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('account_list_version')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('account_list_version').values({ id: 1, version: 0 }).execute();
    await db.schema.createIndex('domains_expires').on('domains').column('expires_at').execute();
    const bump = 'UPDATE account_list_version SET version = version + 1 WHERE id = 1';
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`CREATE FUNCTION bump_account_list_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${sql.raw(bump)}; RETURN NULL; END $$`.execute(db);
      for (const table of ACCOUNT_LIST_TABLES) {
        await sql`CREATE TRIGGER ${sql.raw(`${table}_list_version`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION bump_account_list_version()`.execute(
          db,
        );
      }
      return;
    }
    for (const table of ACCOUNT_LIST_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql`CREATE TRIGGER ${sql.raw(`${table}_${event.toLowerCase()}_list_version`)} AFTER ${sql.raw(event)} ON ${sql.table(table)} BEGIN ${sql.raw(bump)}; END`.execute(
          db,
        );
      }
    }
  },
};

/** What an accounts page is built from: a write to any of them changes the list's version. */
const ACCOUNT_LIST_TABLES = ['accounts', 'memberships', 'services', 'domains', 'invoices', 'tickets'];

/** Wave 3: rate-limit counters shared by every server process on the store. */
migrations['0005_rate_limits'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_ends_at', 'text', (c) => c.notNull())
      // The upsert's conflict target: one counter per limit and key.
      .addPrimaryKeyConstraint('rate_limits_pk', ['name', 'key_hash'])
      .execute();
    await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_ends_at').execute();
  },
};

/** Two-factor sign-in: TOTP secrets (encrypted), backup codes (digests) and sign-in challenges. */
migrations['0006_two_factor'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('two_factor')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('secret_cipher', 'text', (c) => c.notNull())
      .addColumn('enabled_at', 'text')
      .addColumn('last_time_step', 'bigint')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('two_factor_backup_codes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('two_factor_backup_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('two_factor_challenges')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('two_factor_challenges_expires').on('two_factor_challenges').column('expires_at').execute();
  },
};

/** The owner's policy "require two-factor sign-in for everyone with access": a row while it is on. */
migrations['0007_two_factor_policy'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('two_factor_policies')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('required_by', 'text', (c) => c.notNull())
      .addColumn('required_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * Expiring access and allowed invitation domains (docs/ARCHITECTURE.md §5, §9). An expiring grant
 * has a row in `access_expiries` rather than a column on `memberships`: the check every request
 * makes for grants due to end reads this small table alone, never the memberships an accounts
 * page is built from (a current copy of the list still costs no page query).
 */
migrations['0010_access_expiry'] = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('access_expiries')
      .addColumn('membership_id', 'text', (c) => c.primaryKey().references('memberships.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('reminded_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('access_expiries_due').on('access_expiries').column('expires_at').execute();
    await db.schema.alterTable('invitations').addColumn('access_expires_at', 'text').execute();
    await db.schema
      .createTable('invitation_domains')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('invitation_domains_pk', ['account_id', 'domain'])
      .execute();
  },
};

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
