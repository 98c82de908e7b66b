/**
 * PostgreSQL is a first-class store (docs/ARCHITECTURE.md §1): `DATABASE_URL` switches the server to it, with the
 * same migrations and queries as SQLite. These tests need CLIENTDECK_TEST_POSTGRES_URL (set by
 * `bash scripts/test.sh`); without it they fail saying what to do, they are never skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { isUniqueViolation, openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { startClientArea } from '../../../src-server/server.js';
import { createTestDatabase, POSTGRES_MISSING, type TestDatabase } from './fixtures/postgres.js';
import { PASSWORD } from './fixtures/stores.js';

describe('PostgreSQL store', () => {
  it('has a PostgreSQL server to test against', () => {
    expect(process.env.CLIENTDECK_TEST_POSTGRES_URL, POSTGRES_MISSING).toBeTruthy();
  });

  describe('schema', () => {
    let pgDb: TestDatabase;
    let dir: string;
    beforeAll(async () => {
      pgDb = await createTestDatabase('schema');
      dir = mkdtempSync(join(tmpdir(), 'clientarea-schema-'));
    });
    afterAll(async () => {
      await pgDb?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the same migrations build the same tables and columns on both stores, and run again as a no-op', async () => {
      const lite = openDatabase({ file: join(dir, 'schema.sqlite'), url: '' });
      const pg = openDatabase({ file: 'unused', url: pgDb.url });
      try {
        await migrateToLatest(lite);
        await migrateToLatest(pg);
        await migrateToLatest(pg);
        const shape = async (db: typeof lite) =>
          Object.fromEntries(
            (await db.introspection.getTables())
              .map((t) => [t.name, Object.fromEntries(t.columns.map((c) => [c.name, c.isNullable]))] as const)
              .sort(([a], [b]) => a.localeCompare(b)),
          );
        const [liteShape, pgShape] = [await shape(lite), await shape(pg)];
        expect(Object.keys(pgShape).length).toBeGreaterThan(10);
        const names = (s: typeof liteShape) => Object.fromEntries(Object.entries(s).map(([t, cols]) => [t, Object.keys(cols).sort()]));
        expect(names(pgShape)).toEqual(names(liteShape));
        // What SQLite enforces as NOT NULL, PostgreSQL does too (PostgreSQL also makes every primary
        // key NOT NULL, which SQLite does not for text keys).
        for (const [table, cols] of Object.entries(liteShape)) {
          for (const [column, nullable] of Object.entries(cols)) {
            if (!nullable) expect(pgShape[table]?.[column], `${table}.${column}`).toBe(false);
          }
        }
      } finally {
        await lite.destroy();
        await pg.destroy();
      }
    });

    it('reports a unique violation the same way on both stores', async () => {
      const lite = openDatabase({ file: join(dir, 'unique.sqlite'), url: '' });
      const pg = openDatabase({ file: 'unused', url: pgDb.url });
      try {
        for (const db of [lite, pg]) {
          await migrateToLatest(db);
          const row = { key_hash: 'k', status: 200, content_type: null, body: '', created_at: '2025-01-01T00:00:00.000Z' };
          await db.insertInto('idempotency_keys').values(row).execute();
          const failure = await db
            .insertInto('idempotency_keys')
            .values(row)
            .execute()
            .then(
              () => null,
              (e: unknown) => e,
            );
          expect(isUniqueViolation(failure)).toBe(true);
          expect(isUniqueViolation(new Error('other'))).toBe(false);
        }
      } finally {
        await lite.destroy();
        await pg.destroy();
      }
    });

    it('refuses a DATABASE_URL that is not a PostgreSQL URL, saying what it wants', () => {
      expect(() => openDatabase({ file: 'x', url: 'mysql://localhost/x' })).toThrow(/postgres:\/\//);
    });
  });

  describe('the server on DATABASE_URL', () => {
    let pgDb: TestDatabase;
    let dir: string;
    let saved: string | undefined;
    let server: Awaited<ReturnType<typeof startClientArea>>;
    let token: string;
    let now = new Date('2025-03-03T09:00:00.000Z');

    beforeAll(async () => {
      pgDb = await createTestDatabase('server_env');
      dir = mkdtempSync(join(tmpdir(), 'clientarea-pgenv-'));
      saved = process.env.DATABASE_URL;
      // The switch a provider uses: the environment, not an option.
      process.env.DATABASE_URL = pgDb.url;
      server = await startClientArea({ databaseFile: join(dir, 'never-created.sqlite'), adminKey: 'k', clock: () => now });
      const admin = (path: string, body: unknown) =>
        fetch(`${server.url}/api/v1/admin${path}`, {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (r) => {
          expect(r.status, await r.clone().text()).toBe(201);
          return r.json() as Promise<{ id: string }>;
        });
      await admin('/users', { email: 'agency@example.com', name: 'Agency', password: PASSWORD });
      // Names whose order differs between byte order and dictionary order, and non-ASCII ones.
      for (const name of ['beta', 'Alpha', 'alpha', 'Ärger GmbH', 'Zeta', 'zeta', '_under', '10 Downing', '9 Lives', 'Émile', 'émile', 'Ωmega']) {
        const acc = await admin('/accounts', { name, ownerEmail: 'agency@example.com' });
        await admin(`/accounts/${acc.id}/invoices`, { amountCents: 123_456_789_012, dueAt: '2025-03-10T00:00:00Z' });
        await admin(`/accounts/${acc.id}/domains`, { name: `${acc.id}.example`, expiresAt: '2025-03-20T00:00:00Z' });
      }
      const session = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'agency@example.com', password: PASSWORD }),
      }).then((r) => r.json() as Promise<{ accessToken: string }>);
      token = session.accessToken;
    });
    afterAll(async () => {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      await server?.close();
      await pgDb?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const list = async (query: string) => {
      const res = await fetch(`${server.url}/api/v1/accounts${query}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return AccountPage.parse(await res.json());
    };

    it('stores in PostgreSQL, not in the SQLite file', async () => {
      const db = openDatabase({ file: 'unused', url: pgDb.url });
      try {
        const { n } = await db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(n).toBe(12);
        // bigint columns and counts come back as numbers, as on SQLite.
        const invoice = await db.selectFrom('invoices').select('amount_cents').executeTakeFirstOrThrow();
        expect(invoice.amount_cents).toBe(123_456_789_012);
      } finally {
        await db.destroy();
      }
      const { existsSync } = await import('node:fs');
      expect(existsSync(join(dir, 'never-created.sqlite'))).toBe(false);
    });

    it('summary counts are numbers and right', async () => {
      const page = await list('?limit=1000');
      expect(page.items).toHaveLength(12);
      for (const a of page.items) expect(a.summary).toEqual({ services: 0, domainsExpiringSoon: 1, unpaidInvoices: 1, openTickets: 0 });
    });

    it('pages by cursor through mixed-case and non-ASCII names without gaps or repeats, in the order of one page', async () => {
      const whole = (await list('?limit=1000')).items.map((a) => a.id);
      for (const limit of [1, 2, 5]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          seen.push(...page.items.map((a) => a.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(whole);
      }
    });

    it('orders names as SQLite does when the database collates in byte order (the test cluster does)', async () => {
      const db = openDatabase({ file: 'unused', url: pgDb.url });
      try {
        const { rows } = await sql<{ lc_collate: string }>`show lc_collate`.execute(db);
        const names = (await list('?limit=1000')).items.map((a) => a.name);
        if (rows[0]?.lc_collate === 'C' || rows[0]?.lc_collate === 'POSIX') {
          expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
        } else {
          expect(new Set(names).size).toBe(12);
        }
      } finally {
        await db.destroy();
      }
    });

    it('survives a restart on the same database (migrations already applied)', async () => {
      const again = await startClientArea({ databaseFile: join(dir, 'never-created.sqlite'), adminKey: 'k', clock: () => now });
      try {
        const res = await fetch(`${again.url}/api/v1/accounts?limit=1`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
      } finally {
        await again.close();
      }
      now = new Date(now.getTime() + 1000);
    });
  });
});
