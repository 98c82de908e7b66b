import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * Authentication hardening: refresh tokens a session has rotated away (a second use of one is a
 * theft signal that ends the whole session), and the client addresses each login signed in from
 * (a known address passes the per-login sign-in limit an attacker may have filled), and the body
 * digest of each idempotency key.
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('retired_refresh_tokens')
      .addColumn('refresh_hash', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('retired_refresh_tokens_expires').on('retired_refresh_tokens').column('expires_at').execute();
    // The body a key was first used with: the same key with another body is refused, not replayed.
    await db.schema.alterTable('idempotency_keys').addColumn('request_hash', 'text').execute();
    await db.schema
      .createTable('sign_in_addresses')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('address_hash', 'text', (c) => c.notNull())
      .addColumn('last_success_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sign_in_addresses_pk', ['user_id', 'address_hash'])
      .execute();
  },
};
