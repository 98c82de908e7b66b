import { PostgresAdapter, sql, type Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * The accounts list is ordered by account name per login: a copy of the name on each membership,
 * kept by the database itself (whichever code writes), with an index in that order, lets a page be
 * read as a range of one index instead of sorting every account the login reaches.
 */
export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .alterTable('memberships')
      .addColumn('account_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`UPDATE memberships SET account_name = (SELECT name FROM accounts WHERE accounts.id = memberships.account_id)`.execute(db);
    await db.schema.createIndex('memberships_user_account_name').on('memberships').columns(['user_id', 'account_name', 'account_id']).execute();
    const copyOnInsert = 'UPDATE memberships SET account_name = (SELECT name FROM accounts WHERE accounts.id = NEW.account_id) WHERE id = NEW.id';
    const copyOnRename = 'UPDATE memberships SET account_name = NEW.name WHERE account_id = NEW.id';
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`CREATE FUNCTION membership_account_name() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.account_name := (SELECT name FROM accounts WHERE id = NEW.account_id); RETURN NEW; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER memberships_account_name BEFORE INSERT OR UPDATE OF account_id ON memberships FOR EACH ROW EXECUTE FUNCTION membership_account_name()`.execute(
        db,
      );
      await sql`CREATE FUNCTION account_name_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${sql.raw(copyOnRename)}; RETURN NULL; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER accounts_name_to_memberships AFTER UPDATE OF name ON accounts FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION account_name_to_memberships()`.execute(
        db,
      );
      return;
    }
    await sql`CREATE TRIGGER memberships_account_name AFTER INSERT ON memberships BEGIN ${sql.raw(copyOnInsert)}; END`.execute(db);
    await sql`CREATE TRIGGER memberships_account_moved AFTER UPDATE OF account_id ON memberships BEGIN ${sql.raw(copyOnInsert)}; END`.execute(db);
    await sql`CREATE TRIGGER accounts_name_to_memberships AFTER UPDATE OF name ON accounts WHEN OLD.name IS NOT NEW.name BEGIN ${sql.raw(copyOnRename)}; END`.execute(
      db,
    );
  },
};
