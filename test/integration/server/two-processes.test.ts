/**
 * Two server OS processes (the real CLI, `npm run server`, started twice) against one PostgreSQL,
 * as several instances behind a load balancer run (docs/ARCHITECTURE.md §5). The races of the
 * concurrency suite, each request going to one process or the other, end with exactly one effect
 * and never a server error. two-servers.test.ts runs the same in one process; this one shares
 * nothing but the database: no module state, no connection pool, no event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Database } from '../../../src-server/db/tables.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { createTestDatabase, type TestDatabase } from './fixtures/postgres.js';

const ADMIN_KEY = 'two-processes-admin-key';
const PASSWORD = 'Correct-Horse-7';

interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/** Starts `tsx src-server/cli.ts` on a free port and waits for its "listening on" line. */
function startCli(databaseUrl: string, dir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', '0', '--db', join(dir, 'unused.sqlite'), '--log-level', 'warn'], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: databaseUrl, CLIENTAREA_ADMIN_KEY: ADMIN_KEY, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${output}`));
    });
  });
}

function stop(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

describe('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let dir: string;
  const servers: ServerProcess[] = [];
  let owner: { id: string; token: string };
  let invitee: { id: string; token: string };
  let n = 0;

  /** The same request on one process or the other, alternately. */
  const on = async (i: number, method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(servers[i % 2]!.url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (email: string, name: string) => {
    const created = await on(0, 'POST', '/api/v1/admin/users', { token: ADMIN_KEY, body: { email, name, password: PASSWORD } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = await on(1, 'POST', '/api/v1/session', { body: { email, password: PASSWORD } });
    expect(session.status).toBe(200);
    return { id: created.body.id as string, token: session.body.accessToken as string };
  };
  const newAccount = async () => {
    const res = await on(n, 'POST', '/api/v1/admin/accounts', { token: ADMIN_KEY, body: { name: `Two processes ${++n}`, ownerEmail: 'owner@example.com' } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    database = await createTestDatabase('two_processes');
    dir = mkdtempSync(join(tmpdir(), 'clientarea-two-processes-'));
    // One after the other: the second finds the schema the first migrated.
    servers.push(await startCli(database.url, dir));
    servers.push(await startCli(database.url, dir));
    db = openDatabase({ file: join(dir, 'unused.sqlite'), url: database.url });
    owner = await login('owner@example.com', 'Olivia Owner');
    invitee = await login('invitee@example.com', 'Ivan Invitee');
  }, 90_000);
  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await db?.destroy();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs as two processes with their own pids', () => {
    expect(servers.map((s) => s.child.pid)).toHaveLength(2);
    expect(servers[0]!.child.pid).not.toBe(servers[1]!.child.pid);
    expect(servers[0]!.url).not.toBe(servers[1]!.url);
  });

  it('accepts of one invitation on both processes: one membership, one acceptance', async () => {
    const accountId = await newAccount();
    const { invitation } = await createInvitation(db, new Date(), { accountId, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => on(i, 'POST', `/api/v1/invitations/${invitation.id}/accept`, { token: invitee.token })),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    const members = await db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', invitee.id).execute();
    expect(members).toHaveLength(1);
    const accepted = await db.selectFrom('audit_events').select('id').where('account_id', '=', accountId).where('action', '=', 'invitation.accepted').execute();
    expect(accepted).toHaveLength(1);
  });

  it('two different invitations of one login to one account, accepted at once on both processes: one membership', async () => {
    const accountId = await newAccount();
    const first = await createInvitation(db, new Date(), { accountId, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] });
    const other = await createInvitation(db, new Date(), { accountId, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] });
    const ids = [first.invitation.id, other.invitation.id, other.invitation.id, first.invitation.id];
    const answers = await Promise.all(ids.map((id, i) => on(i, 'POST', `/api/v1/invitations/${id}/accept`, { token: invitee.token })));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    const members = await db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', invitee.id).execute();
    expect(members).toHaveLength(1);
  });

  it('sign-ups with one invitation token on both processes: one login, one membership', async () => {
    const accountId = await newAccount();
    const { token } = await createInvitation(db, new Date(), { accountId, invitedBy: owner.id, email: 'twice@example.com', permissions: ['tickets'] });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        on(i, 'POST', '/api/v1/signup', { body: { email: 'twice@example.com', name: 'Twice', password: PASSWORD, invitationToken: token } }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const users = await db.selectFrom('users').select('id').where('email', '=', 'twice@example.com').execute();
    expect(users).toHaveLength(1);
    const members = await db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', users[0]!.id).execute();
    expect(members).toHaveLength(1);
  });

  it('ownership-transfer requests on both processes: exactly one pending', async () => {
    const accountId = await newAccount();
    await insertMembership(db, new Date(), { accountId, userId: invitee.id, role: 'admin', permissions: ['users.manage'] });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        on(i, 'POST', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: owner.token, body: { toUserId: invitee.id } }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(300);
    const pending = await db.selectFrom('ownership_transfers').select('id').where('account_id', '=', accountId).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
  });

  it('one Idempotency-Key sent to both processes at once acts once', async () => {
    const accountId = await newAccount();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        fetch(`${servers[i % 2]!.url}/api/v1/accounts/${accountId}/tickets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${owner.token}`, 'idempotency-key': 'both-processes', 'content-type': 'application/json' },
          body: JSON.stringify({ subject: 'Sent to both', body: 'Once, please.' }),
        }),
      ),
    );
    for (const a of answers) expect(a.status).toBeLessThan(500);
    const tickets = await db.selectFrom('tickets').select('id').where('account_id', '=', accountId).where('subject', '=', 'Sent to both').execute();
    expect(tickets).toHaveLength(1);
  });
});
