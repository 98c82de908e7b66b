import { PostgresAdapter, sql, type Migration } from 'kysely';
import type { SchemaThen } from './schema-then.js';

/**
 * What an accounts page counts for each account, kept by the database itself (whichever code
 * writes): the services not cancelled, the domains (the expiring-soon count moves with time, so it
 * is still counted when read, but only for an account that has domains at all), the unpaid
 * invoices and the open tickets. A page then joins one row per account instead of running four
 * correlated counts per row, which were most of its read. The triggers add and subtract (never
 * count again), so concurrent writes on PostgreSQL each change the row they locked.
 */
const COUNTED = [
  { table: 'services', column: 'services', counts: (row: string) => `${row}.status <> 'cancelled'` },
  { table: 'domains', column: 'domains', counts: () => 'TRUE' },
  { table: 'invoices', column: 'unpaid_invoices', counts: (row: string) => `${row}.status = 'unpaid'` },
  { table: 'tickets', column: 'open_tickets', counts: (row: string) => `${row}.status <> 'closed'` },
] as const;

const change = (column: string, row: 'NEW' | 'OLD', counts: string, sign: '+' | '-') =>
  `UPDATE account_counts SET ${column} = ${column} ${sign} (CASE WHEN ${counts} THEN 1 ELSE 0 END) WHERE account_id = ${row}.account_id`;

const ROW_ON_NEW_ACCOUNT = 'INSERT INTO account_counts (account_id, services, domains, unpaid_invoices, open_tickets) VALUES (NEW.id, 0, 0, 0, 0)';

export const migration: Migration = {
  async up(db: SchemaThen) {
    await db.schema
      .createTable('account_counts')
      .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('services', 'integer', (c) => c.notNull())
      .addColumn('domains', 'integer', (c) => c.notNull())
      .addColumn('unpaid_invoices', 'integer', (c) => c.notNull())
      .addColumn('open_tickets', 'integer', (c) => c.notNull())
      .execute();
    const backfill = COUNTED.map(({ table, counts }) =>
      sql.raw(`(SELECT count(*) FROM ${table} WHERE ${table}.account_id = accounts.id AND ${counts(table)})`),
    );
    await sql`INSERT INTO account_counts (account_id, services, domains, unpaid_invoices, open_tickets) SELECT accounts.id, ${sql.join(backfill)} FROM accounts`.execute(
      db,
    );

    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`CREATE FUNCTION account_counts_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${sql.raw(ROW_ON_NEW_ACCOUNT)}; RETURN NULL; END $$`.execute(
        db,
      );
      await sql`CREATE TRIGGER accounts_counts_row AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION account_counts_row()`.execute(db);
      for (const { table, column, counts } of COUNTED) {
        const body = [
          `IF TG_OP <> 'INSERT' THEN ${change(column, 'OLD', counts('OLD'), '-')}; END IF;`,
          `IF TG_OP <> 'DELETE' THEN ${change(column, 'NEW', counts('NEW'), '+')}; END IF;`,
          'RETURN NULL;',
        ].join(' ');
        await sql`CREATE FUNCTION ${sql.raw(`account_counts_${table}`)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${sql.raw(body)} END $$`.execute(db);
        await sql`CREATE TRIGGER ${sql.raw(`${table}_account_counts`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION ${sql.raw(`account_counts_${table}`)}()`.execute(
          db,
        );
      }
      return;
    }
    await sql`CREATE TRIGGER accounts_counts_row AFTER INSERT ON accounts BEGIN ${sql.raw(ROW_ON_NEW_ACCOUNT)}; END`.execute(db);
    for (const { table, column, counts } of COUNTED) {
      const name = (event: string) => sql.raw(`${table}_${event}_account_counts`);
      await sql`CREATE TRIGGER ${name('insert')} AFTER INSERT ON ${sql.table(table)} BEGIN ${sql.raw(change(column, 'NEW', counts('NEW'), '+'))}; END`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${name('delete')} AFTER DELETE ON ${sql.table(table)} BEGIN ${sql.raw(change(column, 'OLD', counts('OLD'), '-'))}; END`.execute(
        db,
      );
      await sql`CREATE TRIGGER ${name('update')} AFTER UPDATE ON ${sql.table(table)} BEGIN ${sql.raw(change(column, 'OLD', counts('OLD'), '-'))}; ${sql.raw(change(column, 'NEW', counts('NEW'), '+'))}; END`.execute(
        db,
      );
    }
  },
};
