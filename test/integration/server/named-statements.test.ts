/**
 * PostgreSQL statements are prepared once per connection and SQL text (docs/ARCHITECTURE.md §5):
 * counted as the Parse messages `pg` writes to the wire, against the Executes, so a page asked for
 * again makes PostgreSQL parse and plan nothing, whatever the machine. Needs
 * CLIENTDECK_TEST_POSTGRES_URL; without it the test fails saying what to do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { createAccount } from '../../../src-server/domain/accounts.js';
import { type ClientArea, startClientArea } from '../../../src-server/server.js';
import { createTestDatabase, type TestDatabase } from './fixtures/postgres.js';
import { PASSWORD } from './fixtures/stores.js';

/** What `pg` wrote to PostgreSQL: Executes, the Parses with the connection each went to, and socket writes. */
const wire = { parse: 0, execute: 0, unnamed: 0, parsedTwice: 0, writes: 0 };
let postgresPort = -1;
const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
for (const kind of ['_write', '_writev'] as const) {
  const write = socket[kind];
  socket[kind] = function (this: net.Socket, ...args: unknown[]) {
    if (this.remotePort === postgresPort) wire.writes++;
    return write.apply(this, args);
  };
}
const parsedOn = new WeakMap<object, Set<string>>();
const connection = pg.Connection.prototype as unknown as Record<'parse' | 'execute', (...args: unknown[]) => void>;
const parse = connection.parse;
connection.parse = function (this: object, ...args: unknown[]) {
  const query = args[0] as { text: string; name?: string };
  wire.parse++;
  if (!query.name) wire.unnamed++;
  const seen = parsedOn.get(this) ?? new Set<string>();
  if (seen.has(query.text)) wire.parsedTwice++;
  parsedOn.set(this, seen.add(query.text));
  return parse.apply(this, args);
};
const execute = connection.execute;
connection.execute = function (this: object, ...args: unknown[]) {
  wire.execute++;
  return execute.apply(this, args);
};
const counted = async (work: () => Promise<unknown>) => {
  const before = { ...wire };
  await work();
  return Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, v - before[k as keyof typeof wire]])) as typeof wire;
};

describe('PostgreSQL named statements and pipelined reads', () => {
  let database: TestDatabase;
  let server: ClientArea;
  let dir: string;
  let token = '';
  beforeAll(async () => {
    database = await createTestDatabase('named_statements');
    postgresPort = Number(new URL(database.url).port);
    dir = mkdtempSync(join(tmpdir(), 'clientarea-named-'));
    server = await startClientArea({ databaseFile: join(dir, 'unused.sqlite'), databaseUrl: database.url, adminKey: 'test-admin-key' });
    const admin = await fetch(`${server.url}/api/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-key', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', name: 'Owner', password: PASSWORD }),
    });
    expect(admin.status).toBe(201);
    const db = openDatabase({ file: 'unused', url: database.url });
    try {
      for (let i = 0; i < 30; i++) await createAccount(db, new Date(), { name: `Account ${i}`, ownerEmail: 'owner@example.com' });
    } finally {
      await db.destroy();
    }
    const session = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: PASSWORD }),
    });
    token = ((await session.json()) as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const page = async () => {
    const res = await fetch(`${server.url}/api/v1/accounts?limit=10`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return AccountPage.parse(await res.json());
  };

  it('parses each of a page’s statements once per connection, then only executes it', async () => {
    const first = await counted(page);
    expect(first.execute).toBeGreaterThan(1);
    // The page's reads run side by side on several connections: each prepares a text on first use.
    const again = await counted(async () => {
      for (let i = 0; i < 40; i++) expect((await page()).items).toHaveLength(10);
    });
    expect(again.execute).toBe(40 * first.execute);
    expect(again.unnamed).toBe(0);
    expect(again.parsedTwice).toBe(0);
    expect(again.parse).toBe(0);
    // A page is two statements, each waiting for the one before (sign-in, then the page with its
    // domain names and the list's state): two round trips; a named statement's bind and execute
    // still leave in one write. Reads made at once sharing writes is the next test.
    expect(first.execute).toBe(2);
    expect(again.writes).toBeLessThanOrEqual(again.execute);
  });

  it('sends reads made at once in one write per shared connection, each answered on its own', async () => {
    const db = openDatabase({ file: 'unused', url: database.url });
    try {
      const count = (i: number) => sql<{ n: number }>`select count(*)::int + ${i}::int as n from accounts where name like ${'Account %'}`.execute(db);
      const first = await counted(() => Promise.all(Array.from({ length: 10 }, (_, i) => count(i))));
      // At most one Parse per shared connection (two), not one per query.
      expect(first.execute).toBe(10);
      expect(first.parse).toBeLessThanOrEqual(2);
      const results: number[] = [];
      const again = await counted(async () => {
        for (let batch = 0; batch < 3; batch++) results.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => count(i)))).map((r) => r.rows[0]!.n));
      });
      expect(again).toMatchObject({ parse: 0, execute: 30, unnamed: 0, parsedTwice: 0 });
      expect(again.writes).toBeLessThanOrEqual(3 * 2);
      expect(results).toEqual([0, 1, 2].flatMap(() => Array.from({ length: 10 }, (_, i) => 30 + i)));
      // One failing query does not touch the others sent with it.
      const mixed = await Promise.allSettled([count(0), sql`select 1 / ${0}::int`.execute(db), count(1)]);
      expect(mixed.map((m) => m.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    } finally {
      await db.destroy();
    }
  });

  it('keeps a pinned connection’s session state on one connection: a session lock, a setting', async () => {
    const db = openDatabase({ file: 'unused', url: database.url });
    try {
      await db.connection().execute(async (pinned) => {
        await sql`select pg_advisory_lock(${4242})`.execute(pinned);
        const held = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`.execute(pinned);
        expect(held.rows[0]!.n).toBe(1);
        expect((await sql<{ ok: boolean }>`select pg_advisory_unlock(${4242}) as ok`.execute(pinned)).rows[0]!.ok).toBe(true);
      });
      await db.connection().execute(async (pinned) => {
        await sql`set statement_timeout = 4321`.execute(pinned);
        expect((await sql<{ statement_timeout: string }>`show statement_timeout`.execute(pinned)).rows[0]!.statement_timeout).toBe('4321ms');
        await sql`reset statement_timeout`.execute(pinned);
      });
    } finally {
      await db.destroy();
    }
  });
});
