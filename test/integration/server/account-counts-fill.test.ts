/**
 * Migration 0014's fill step on a store that already holds data (docs/ARCHITECTURE.md §5): a
 * database is migrated to 0013, given accounts with services, domains, invoices and tickets in
 * every status, then migrated to the latest; each account's `account_counts` row must equal a
 * count of its rows, and the triggers must go on from there. On both stores.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import type { Database } from '../../../src-server/db/tables.js';
import { createAccount } from '../../../src-server/domain/accounts.js';
import { newId } from '../../../src-server/domain/tokens.js';
import { createUser } from '../../../src-server/domain/users.js';
import { PASSWORD, STORES } from './fixtures/stores.js';
import { createTestDatabase, type TestDatabase } from './fixtures/postgres.js';

const MIGRATIONS_DIR = join(import.meta.dirname, '../../../src-server/db/migrations');
const BEFORE_COUNTS = '0013_two_factor_list_version';

/**
 * The migrations as db/migrations.ts names them (`0014-account-counts.ts` is `0014_account_counts`),
 * read from their folder; a name that differed would make the later migrateToLatest refuse the history.
 */
async function migrationsOnDisk(): Promise<Record<string, Migration>> {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}-.+\.ts$/.test(f));
  const entries = await Promise.all(
    files.map(
      async (f) => [f.replace(/\.ts$/, '').replace(/-/g, '_'), ((await import(join(MIGRATIONS_DIR, f))) as { migration: Migration }).migration] as const,
    ),
  );
  return Object.fromEntries(entries);
}

describe.each(STORES)('migration 0014 on a %s store with data', (store) => {
  let db: Kysely<Database>;
  let pgDatabase: TestDatabase | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-counts-fill-'));
  const now = new Date('2026-03-03T09:00:00.000Z');
  const at = now.toISOString();
  const accounts: string[] = [];

  beforeAll(async () => {
    pgDatabase = store === 'postgres' ? await createTestDatabase('counts_fill') : undefined;
    db = openDatabase({ file: join(dir, 'db.sqlite'), url: pgDatabase?.url ?? '' });
    const migrations = await migrationsOnDisk();
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(BEFORE_COUNTS);
    if (error) throw error;

    await createUser(db, now, { email: 'owner@example.com', name: 'Olivia Owner', password: PASSWORD });
    for (const name of ['Busy', 'Tickets only', 'Empty']) accounts.push((await createAccount(db, now, { name, ownerEmail: 'owner@example.com' })).id);
    const [busy, ticketsOnly] = [accounts[0]!, accounts[1]!];
    await db
      .insertInto('services')
      .values(
        (['active', 'active', 'suspended', 'cancelled'] as const).map((status) => ({
          id: newId('svc'),
          account_id: busy,
          name: 'Hosting',
          status,
          created_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('domains')
      .values(['busy.example', 'busy.test'].map((name) => ({ id: newId('dom'), account_id: busy, name, expires_at: at, created_at: at })))
      .execute();
    await db
      .insertInto('invoices')
      .values(
        (['unpaid', 'unpaid', 'paid'] as const).map((status) => ({
          id: newId('inv'),
          account_id: busy,
          amount_cents: 100,
          status,
          due_at: at,
          created_at: at,
        })),
      )
      .execute();
    const ticket = (account_id: string, status: 'open' | 'answered' | 'closed') => ({
      id: newId('tkt'),
      account_id,
      subject: 'Help',
      status,
      opened_by: null,
      opened_as: null,
      created_at: at,
    });
    await db
      .insertInto('tickets')
      .values([ticket(busy, 'closed'), ticket(busy, 'open'), ticket(ticketsOnly, 'open'), ticket(ticketsOnly, 'answered'), ticket(ticketsOnly, 'closed')])
      .execute();

    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await pgDatabase?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What each account's row should hold, counted from the rows themselves. */
  async function countedFromRows() {
    const n = (q: { rows: { n: number | string }[] }) => Number(q.rows[0]!.n);
    return Promise.all(
      accounts.map(async (id) => ({
        account_id: id,
        services: n(await sql<{ n: number }>`select count(*) as n from services where account_id = ${id} and status <> 'cancelled'`.execute(db)),
        domains: n(await sql<{ n: number }>`select count(*) as n from domains where account_id = ${id}`.execute(db)),
        unpaid_invoices: n(await sql<{ n: number }>`select count(*) as n from invoices where account_id = ${id} and status = 'unpaid'`.execute(db)),
        open_tickets: n(await sql<{ n: number }>`select count(*) as n from tickets where account_id = ${id} and status <> 'closed'`.execute(db)),
      })),
    );
  }
  const held = () =>
    Promise.all(
      accounts.map((id) =>
        db
          .selectFrom('account_counts')
          .select(['account_id', 'services', 'domains', 'unpaid_invoices', 'open_tickets'])
          .where('account_id', '=', id)
          .executeTakeFirst(),
      ),
    );

  it('fills one row per existing account with the counts of its rows', async () => {
    expect(await held()).toEqual(await countedFromRows());
    expect(await held()).toEqual([
      { account_id: accounts[0], services: 3, domains: 2, unpaid_invoices: 2, open_tickets: 1 },
      { account_id: accounts[1], services: 0, domains: 0, unpaid_invoices: 0, open_tickets: 2 },
      { account_id: accounts[2], services: 0, domains: 0, unpaid_invoices: 0, open_tickets: 0 },
    ]);
  });

  it('lets the triggers go on from the filled counts', async () => {
    const [busy, ticketsOnly, empty] = [accounts[0]!, accounts[1]!, accounts[2]!];
    await db.updateTable('invoices').set({ status: 'paid' }).where('account_id', '=', busy).where('status', '=', 'unpaid').execute();
    await db.deleteFrom('tickets').where('account_id', '=', ticketsOnly).where('status', '=', 'open').execute();
    await db
      .insertInto('services')
      .values({ id: newId('svc'), account_id: empty, name: 'Mail', status: 'active', created_at: at })
      .execute();
    expect(await held()).toEqual(await countedFromRows());
    expect((await held()).map((r) => [r?.unpaid_invoices, r?.open_tickets, r?.services])).toEqual([
      [0, 1, 3],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });
});
