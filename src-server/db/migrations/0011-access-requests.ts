import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * Access requests (0011): someone asks an account's owner for access or for more permissions.
 * `account_id` is null for a request by customer number until it is approved on one of the owner's
 * accounts; `target_user_id` is null when the number has no login (the request is kept all the
 * same, so an unknown number answers like a known one).
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('access_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
      .addColumn('customer_number', 'text')
      .addColumn('target_user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('permissions', 'text', (c) => c.notNull())
      .addColumn('scope', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('granted_permissions', 'text')
      .addColumn('granted_scope', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('access_requests_requester').on('access_requests').columns(['requester_id', 'created_at']).execute();
    await db.schema.createIndex('access_requests_account').on('access_requests').columns(['account_id', 'status']).execute();
    await db.schema.createIndex('access_requests_target').on('access_requests').columns(['target_user_id', 'status']).execute();
    await db.schema.createIndex('access_requests_expiry').on('access_requests').columns(['status', 'expires_at']).execute();
  },
};
