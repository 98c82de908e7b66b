/**
 * `--workers 2` (docs/RUNNING.md): two worker processes behind one port on one store, SQLite and
 * PostgreSQL. Requests at once land on both processes (their pids in the request log), and the
 * rules hold across them: one Idempotency-Key acts once, and simultaneous writes all succeed
 * (on SQLite each waits for the file's write lock instead of failing busy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Database } from '../../../src-server/db/tables.js';
import { type Script, spawnScript, stopGroup, untilReady } from '../../e2e/fixtures/process-group.js';
import { createTestDatabase, type TestDatabase } from './fixtures/postgres.js';
import { PASSWORD, STORES } from './fixtures/stores.js';

const ADMIN_KEY = 'worker-processes-admin-key';
const AT_ONCE = 16;

describe.each(STORES)('two worker processes on one %s store', (store) => {
  let database: TestDatabase | undefined;
  let dir: string;
  let script: Script;
  let url = '';
  let db: Kysely<Database>;
  let token = '';
  let accountId = '';

  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const asOwner = () => ({ authorization: `Bearer ${token}` });
  /** The distinct processes that logged an answer. */
  const answeringPids = () => new Set([...script.stdout().matchAll(/"pid":(\d+),[^\n]*"msg":"request completed"/g)].map((m) => m[1]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `clientarea-workers-${store}-`));
    database = store === 'postgres' ? await createTestDatabase('worker_processes') : undefined;
    const databaseFile = join(dir, 'clientarea.sqlite');
    script = spawnScript(['src-server/cli.ts', '--port', '0', '--db', databaseFile, '--workers', '2', '--log-level', 'info'], {
      ...process.env,
      DATABASE_URL: database?.url ?? '',
      CLIENTAREA_ADMIN_KEY: ADMIN_KEY,
    });
    const [, listening] = await untilReady(script.child, {
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+) \(2 worker processes\)/,
      read: script.stdout,
      timeoutMs: 60_000,
      timedOut: 'The workers printed no address within 60 s',
      exited: (code, signal) => `The server exited before it listened (code ${code}, signal ${signal})`,
      explain: (sentence) => new Error(`${sentence}:\n${script.output()}`),
    });
    url = listening!;
    db = openDatabase({ file: databaseFile, url: database?.url ?? '' });
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    expect((await call('POST', '/api/v1/admin/users', { email: 'owner@example.com', name: 'Olivia Owner', password: PASSWORD }, admin)).status).toBe(201);
    const account = await call('POST', '/api/v1/admin/accounts', { name: 'Shared store', ownerEmail: 'owner@example.com' }, admin);
    accountId = account.body.id as string;
    token = (await call('POST', '/api/v1/session', { email: 'owner@example.com', password: PASSWORD })).body.accessToken as string;
  }, 90_000);
  afterAll(async () => {
    if (script) await stopGroup(script.child);
    await db?.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('one Idempotency-Key sent to both processes at once acts once', async () => {
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, () =>
        call(
          'POST',
          `/api/v1/accounts/${accountId}/tickets`,
          { subject: 'Sent at once', body: 'Once, please.' },
          { ...asOwner(), 'idempotency-key': 'both-workers' },
        ),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    const tickets = await db.selectFrom('tickets').select('id').where('account_id', '=', accountId).where('subject', '=', 'Sent at once').execute();
    expect(tickets).toHaveLength(1);
    expect(answeringPids().size).toBe(2);
  });

  it('simultaneous writes on both processes all succeed, none lost', async () => {
    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        call('POST', `/api/v1/accounts/${accountId}/contacts`, { name: `Contact ${i}`, email: `c${i}@example.com` }, asOwner()),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: AT_ONCE }, () => 201));
    const contacts = await db.selectFrom('contacts').select('name').where('account_id', '=', accountId).execute();
    expect(contacts).toHaveLength(AT_ONCE);
  });
});
