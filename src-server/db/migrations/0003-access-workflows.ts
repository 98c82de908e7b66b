import { sql, type Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * Wave 2: managed users, mail languages and verification, invitation kinds and consent, contact
 * addresses, ticket bodies, service assignees, view-as sessions, one-time user links, ownership
 * transfers and the mail outbox.
 */
export const migration: Migration = {
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
