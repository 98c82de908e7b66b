/**
 * Starts the real client area on a free loopback port with a real SQLite file in a temp dir, with
 * a clock the test moves by hand. Also opens the same file directly, to set up invitations and to
 * check what is stored.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { SessionResponse } from '../../../src-shared/api/session.js';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Database } from '../../../src-server/db/tables.js';
import { type ClientArea, startClientArea } from '../../../src-server/server.js';
import { createTestDatabase, serverSuiteOnPostgres } from './fixtures/postgres.js';

export const STRONG_PASSWORD = 'Correct-Horse-7';

export interface Harness {
  server: ClientArea;
  databaseFile: string;
  /** The key the server encrypts two-factor secrets with (to start a second server on the same store). */
  twoFactorKey: Buffer;
  db: Kysely<Database>;
  now(): Date;
  advance(ms: number): void;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string }): Promise<{ status: number; type: string; body: any }>;
  admin(path: string, body: unknown): Promise<any>;
  createLogin(email: string, name: string): Promise<{ id: string; customerNumber: string }>;
  signIn(email: string, password?: string): Promise<SessionResponse>;
  close(): Promise<void>;
}

export async function startHarness(options: { demo?: boolean } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-test-'));
  const databaseFile = join(dir, 'clientarea.sqlite');
  // CLIENTDECK_TEST_DB=postgres runs the same suite on a fresh PostgreSQL database; the env var
  // lets a test that restarts the server (same databaseFile) find the same database again.
  const postgres = serverSuiteOnPostgres() ? await createTestDatabase('server') : undefined;
  const databaseUrl = postgres?.url ?? '';
  if (postgres) process.env.DATABASE_URL = databaseUrl;
  let now = new Date('2025-03-03T09:00:00.000Z');
  // A key of the test's own for two-factor secrets, as a provider sets CLIENTAREA_TOTP_KEY.
  const twoFactorKey = randomBytes(32);
  const server = await startClientArea({ databaseFile, databaseUrl, demo: options.demo ?? false, adminKey: 'test-admin-key', clock: () => now, twoFactorKey });
  const db = openDatabase({ file: databaseFile, url: databaseUrl });

  const call: Harness['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined || opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = opts.rawBody ?? JSON.stringify(opts.body);
    }
    const res = await fetch(server.url + path, { method, headers, body, redirect: 'manual' });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    return { status: res.status, type, body: type.includes('json') && text ? JSON.parse(text) : text };
  };

  const harness: Harness = {
    server,
    databaseFile,
    twoFactorKey,
    db,
    now: () => now,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    call,
    async admin(path, body) {
      const res = await call('POST', `/api/v1/admin${path}`, { token: server.adminKey, body });
      if (res.status !== 201) throw new Error(`admin ${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async createLogin(email, name) {
      return harness.admin('/users', { email, name, password: STRONG_PASSWORD });
    },
    async signIn(email, password = STRONG_PASSWORD) {
      const res = await call('POST', '/api/v1/session', { body: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as SessionResponse;
    },
    async close() {
      await db.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
  return harness;
}

export function expectProblem(res: { status: number; type: string; body: any }, status: number, code: string): void {
  if (res.status !== status || !res.type.startsWith('application/problem+json') || res.body?.code !== code) {
    throw new Error(`expected ${status} problem ${code}, got ${res.status} ${res.type} ${JSON.stringify(res.body)}`);
  }
  for (const field of ['type', 'title', 'status', 'detail', 'code']) {
    if (!(field in res.body)) throw new Error(`problem document lacks "${field}": ${JSON.stringify(res.body)}`);
  }
}
