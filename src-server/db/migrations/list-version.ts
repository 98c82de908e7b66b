import { PostgresAdapter, sql } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/** The accounts list's version row (migration 0004): bumped by triggers whichever code writes. */
export const BUMP_LIST_VERSION = 'UPDATE account_list_version SET version = version + 1 WHERE id = 1';

/** Triggers that bump the accounts list's version on every write to `tables`, in the writing transaction. */
export async function bumpListVersionOnWrite(db: SchemaThen, tables: readonly string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of tables) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_list_version`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION bump_account_list_version()`.execute(
        db,
      );
    }
    return;
  }
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql`CREATE TRIGGER ${sql.raw(`${table}_${event.toLowerCase()}_list_version`)} AFTER ${sql.raw(event)} ON ${sql.table(table)} BEGIN ${sql.raw(BUMP_LIST_VERSION)}; END`.execute(
        db,
      );
    }
  }
}

/** What an accounts page is built from: a write to any of them changes the list's version. */
export const ACCOUNT_LIST_TABLES = ['accounts', 'memberships', 'services', 'domains', 'invoices', 'tickets'];
