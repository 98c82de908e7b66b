import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/** The owner's policy "require two-factor sign-in for everyone with access": a row while it is on. */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('two_factor_policies')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('required_by', 'text', (c) => c.notNull())
      .addColumn('required_at', 'text', (c) => c.notNull())
      .execute();
  },
};
