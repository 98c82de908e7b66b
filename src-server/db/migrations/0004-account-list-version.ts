import { PostgresAdapter, sql, type Migration } from 'kysely';
import { ACCOUNT_LIST_TABLES, BUMP_LIST_VERSION, bumpListVersionOnWrite } from './list-version.js';
import type { SchemaThen } from './schema-then.js';

/**
 * The version of everything an accounts page shows (accounts, memberships and the counted
 * services, domains, invoices and tickets), kept by the database itself: triggers bump it in the
 * writing transaction, whichever code wrote, so a conditional `GET /accounts` is answered from
 * one row instead of building its page. Expiring-soon counts move with time too: the index on
 * `domains.expires_at` finds the next moment one can change.
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('account_list_version')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('account_list_version').values({ id: 1, version: 0 }).execute();
    await db.schema.createIndex('domains_expires').on('domains').column('expires_at').execute();
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`CREATE FUNCTION bump_account_list_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${sql.raw(BUMP_LIST_VERSION)}; RETURN NULL; END $$`.execute(
        db,
      );
    }
    await bumpListVersionOnWrite(db, ACCOUNT_LIST_TABLES);
  },
};
