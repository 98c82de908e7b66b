import type { Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * Expiring access and allowed invitation domains (docs/ARCHITECTURE.md §5, §9). An expiring grant
 * has a row in `access_expiries` rather than a column on `memberships`: the check every request
 * makes for grants due to end reads this small table alone, never the memberships an accounts
 * page is built from (a current copy of the list still costs no page query).
 */
export const migration: Migration = {
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
