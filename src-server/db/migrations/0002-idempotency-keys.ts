import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

export const migration: Migration = {
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
