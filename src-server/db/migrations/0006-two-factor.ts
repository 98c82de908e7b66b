import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/** Two-factor sign-in: TOTP secrets (encrypted), backup codes (digests) and sign-in challenges. */
export const migration: Migration = {
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
