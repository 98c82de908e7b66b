/**
 * A database that cannot take writes (issue 14 §4, "operations messages"): a read-only file or a
 * full disk must give a start-up error naming the file, and a write refused at run time a 503
 * problem with a sentence, never a stack trace or SQLite's "cannot rollback".
 *
 * How each is made: tests run as root, for whom chmod does not stop a write, so the start-up case
 * runs the real CLI as the unprivileged `nobody` on a file and folder without write permission
 * (as an operator's misconfigured service user meets it). At run time the server's own handle is
 * switched to `PRAGMA query_only` (SQLite answers SQLITE_READONLY, as for a read-only file) or
 * capped by `PRAGMA max_page_count` at its current size (SQLite answers SQLITE_FULL, as for a
 * full disk, and rolls the transaction back itself, which is where "cannot rollback" came from).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import type { Database } from '../../../src-server/db/tables.js';
import { startClientArea } from '../../../src-server/server.js';
import { createTestDatabase } from './fixtures/postgres.js';
import { STRONG_PASSWORD } from './harness.js';

const REPO = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const apps: { app: FastifyInstance; db: Kysely<Database> }[] = [];
afterEach(async () => {
  for (const { app, db } of apps.splice(0)) {
    await app.close();
    await db.destroy();
  }
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-storage-'));
  dirs.push(dir);
  return dir;
}

async function appOnFile(): Promise<{ app: FastifyInstance; db: Kysely<Database>; file: string }> {
  const file = join(tempDir(), 'clientarea.sqlite');
  const db = openDatabase({ file, url: '' });
  await migrateToLatest(db);
  const clock = () => new Date('2025-03-03T09:00:00.000Z');
  const { app } = await buildApp({ db, clock, adminKey: 'k' }, { logLevel: 'silent', databaseLocation: `the database file ${file}` });
  apps.push({ app, db });
  return { app, db, file };
}

const createLogin = (app: FastifyInstance, n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/admin/users',
    headers: { authorization: 'Bearer k' },
    payload: { email: `user${n}@example.com`, name: `User ${n} ${'x'.repeat(150)}`, password: STRONG_PASSWORD },
  });

describe('a write the database refuses', () => {
  it('is a 503 problem saying the database is read-only, and nothing is stored', async () => {
    const { app, db } = await appOnFile();
    await sql`PRAGMA query_only = ON`.execute(db);
    const res = await createLogin(app, 1);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('storage_unavailable');
    expect(body.detail).toBe('The client area cannot save changes right now (its database is read-only). Nothing was changed; try again later.');
    expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('is a 503 problem saying the disk is full, not "cannot rollback", when the disk fills inside a transaction', async () => {
    const { app, db } = await appOnFile();
    expect((await createLogin(app, 1)).statusCode).toBe(201);
    const pages = Number((await sql<{ page_count: number }>`PRAGMA page_count`.execute(db)).rows[0]?.page_count);
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(db);
    // A new account and its owner's membership are one transaction; long names fill the last free pages.
    const statuses: number[] = [];
    let refusal: { code?: string; detail?: string } | undefined;
    for (let n = 0; n < 200 && !refusal; n++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: { authorization: 'Bearer k' },
        payload: { name: `Account ${n} ${'x'.repeat(180)}`, ownerEmail: 'user1@example.com' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode !== 201) refusal = res.json();
    }
    expect(statuses.at(-1)).toBe(503);
    expect(refusal?.code).toBe('storage_unavailable');
    expect(refusal?.detail).toBe('The client area cannot save changes right now (its disk is full). Nothing was changed; try again later.');
    // The account that hit the limit is not half stored: every account has its owner's membership.
    const accounts = await db.selectFrom('accounts').select('id').execute();
    const memberships = await db.selectFrom('memberships').select('account_id').where('role', '=', 'owner').execute();
    expect(accounts.length).toBe(statuses.length - 1);
    expect(memberships.map((m) => m.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());
  });

  it('shows a panel page saying so instead of "Something went wrong"', async () => {
    const { app, db } = await appOnFile();
    expect((await createLogin(app, 1)).statusCode).toBe(201);
    const signInPage = await app.inject({ method: 'GET', url: '/panel/sign-in' });
    const csrf = /name="csrf" value="([^"]+)"/.exec(signInPage.body)?.[1] ?? '';
    const cookie = String(signInPage.headers['set-cookie']).split(';')[0] ?? '';
    await sql`PRAGMA query_only = ON`.execute(db);
    const res = await app.inject({
      method: 'POST',
      url: '/panel/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf, email: 'user1@example.com', password: STRONG_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('its database is read-only');
  });
});

describe('a PostgreSQL database that takes no writes', () => {
  it('is the same 503 problem: a read-only session (a standby, a read-only role) answers SQLSTATE 25006', async () => {
    const database = await createTestDatabase('storage');
    try {
      const migrated = openDatabase({ file: 'unused', url: database.url });
      await migrateToLatest(migrated);
      await migrated.destroy();
      // Every session of this pool starts read-only, as on a hot standby or for a role set so.
      const readOnly = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2, options: '-c default_transaction_read_only=on' }) }),
      });
      const clock = () => new Date('2025-03-03T09:00:00.000Z');
      const { app } = await buildApp({ db: readOnly, clock, adminKey: 'k' }, { logLevel: 'silent', databaseLocation: 'the PostgreSQL database' });
      apps.push({ app, db: readOnly });
      const res = await createLogin(app, 1);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        code: 'storage_unavailable',
        detail: 'The client area cannot save changes right now (its database is read-only). Nothing was changed; try again later.',
      });
    } finally {
      for (const { app, db } of apps.splice(0)) {
        await app.close();
        await db.destroy();
      }
      await database.drop();
    }
  });
});

/** Runs the real CLI as a user who may not write the file (nobody, when the tests run as root). */
function runCli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: '', HOME: tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asUnprivileged,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

describe('starting on a database that cannot be written', () => {
  it('exits with a code and a sentence naming the file, not a stack trace', async () => {
    const dir = tempDir();
    const file = join(dir, 'clientarea.sqlite');
    // An older database: the migrations still to run must write, which a read-only file refuses.
    const server = await startClientArea({ databaseFile: file, databaseUrl: '', adminKey: 'k' });
    await server.close();
    const db = openDatabase({ file, url: '' });
    await sql`DELETE FROM kysely_migration WHERE name = (SELECT max(name) FROM kysely_migration)`.execute(db);
    await db.destroy();
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);

    const run = await runCli(['--db', file, '--port', '0', '--log-level', 'silent']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toContain('listening on');
    expect(run.stderr.trim()).toBe(
      `error database_read_only: The client area cannot start: the database file ${file} is read-only (its file, folder or disk does not allow writing), so changes cannot be saved. Make it writable by the user running the client area.`,
    );
  }, 90_000);
});
