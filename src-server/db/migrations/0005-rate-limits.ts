import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/** Wave 3: rate-limit counters shared by every server process on the store. */
export const migration: Migration = {
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
