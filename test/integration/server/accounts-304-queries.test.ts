/**
 * A conditional `GET /accounts` whose copy is current costs the server no page query: counted
 * on the queries the routes send, whatever the machine's speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage, QuietTagHeaders } from '../../../src-shared/api/accounts.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { CountedStatements } from './fixtures/counted-statements.js';
import { STRONG_PASSWORD } from './harness.js';

const PAGE_TABLES = ['memberships', 'accounts', 'services', 'invoices', 'tickets'];

describe('GET /accounts with If-None-Match', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-304-'));
  const counted = new CountedStatements();
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    await migrateToLatest(base);
    const clock = () => new Date('2026-03-03T09:00:00.000Z');
    ({ app } = await buildApp({ db: base.withPlugin(counted), clock, adminKey: 'k', signInLimiter: new SignInLimiter(base, clock) }, { logLevel: 'silent' }));
    const admin = { authorization: 'Bearer k' };
    await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin, payload: { email: 'o@example.com', name: 'O', password: STRONG_PASSWORD } });
    for (let i = 0; i < 30; i++) {
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: admin,
        payload: { name: `Account ${i}`, ownerEmail: 'o@example.com' },
      });
      await app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${made.json().id}/services`, headers: admin, payload: { name: 'Hosting' } });
    }
    token = (await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'o@example.com', password: STRONG_PASSWORD } })).json().accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const list = (url: string, etag?: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) } });

  function during<T>(run: () => Promise<T>): Promise<{ result: T; tables: string[][] }> {
    const from = counted.built.length;
    return run().then((result) => ({ result, tables: counted.built.slice(from) }));
  }

  const pageQueries = (tables: string[][]) => tables.filter((t) => t.some((name) => PAGE_TABLES.includes(name))).length;

  it('answers 304 for every page of a current copy from the version row alone, building no page', async () => {
    const first = await during(() => list('/api/v1/accounts?limit=10'));
    expect(first.result.statusCode).toBe(200);
    // The counter sees the page's query when a page is built: the reachable rows with their counts.
    expect(pageQueries(first.tables)).toBeGreaterThanOrEqual(1);
    const { nextCursor } = AccountPage.parse(first.result.json());
    const secondUrl = `/api/v1/accounts?limit=10&cursor=${nextCursor}`;
    const second = await list(secondUrl);

    for (const [url, etag] of [
      ['/api/v1/accounts?limit=10', first.result.headers.etag as string],
      [secondUrl, second.headers.etag as string],
    ] as const) {
      const again = await during(() => list(url, etag));
      expect(again.result.statusCode).toBe(304);
      expect(again.result.body).toBe('');
      expect(pageQueries(again.tables)).toBe(0);
      expect(again.tables.filter((t) => t.includes('account_list_version'))).toHaveLength(1);
    }
  });
  /** Every page of a whole listing at `limit`, in order, as a client reads it. */
  async function walk(limit: number, between?: () => Promise<void>) {
    const answers = [];
    let cursor: string | null = null;
    do {
      const answer = await list(`/api/v1/accounts?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      answers.push(answer);
      cursor = AccountPage.parse(answer.json()).nextCursor;
      if (cursor && between) await between();
    } while (cursor);
    return answers;
  }

  it('hands out, with the last page of a whole listing, the tag of "what changed since?", answered 304 with no page built', async () => {
    const pages = await walk(10);
    expect(pages).toHaveLength(3);
    const last = pages.at(-1)!;
    const newest = Math.max(...pages.flatMap((p) => AccountPage.parse(p.json()).items.map((a) => Date.parse(a.updatedAt))));
    const quiet = QuietTagHeaders.parse(last.headers);
    expect(quiet['quiet-since']).toBe(new Date(newest + 1).toISOString());
    expect(pages.slice(0, -1).every((p) => p.headers['quiet-etag'] === undefined)).toBe(true);

    const question = `/api/v1/accounts?limit=10&updatedSince=${encodeURIComponent(quiet['quiet-since'])}`;
    const asked = await during(() => list(question, quiet['quiet-etag']));
    expect(asked.result.statusCode).toBe(304);
    expect(pageQueries(asked.tables)).toBe(0);
    // The tag is the one the server gives that question's answer when it builds it.
    const built = await list(question);
    expect(built.statusCode).toBe(200);
    expect(AccountPage.parse(built.json()).items).toEqual([]);
    expect(built.headers.etag).toBe(quiet['quiet-etag']);
    // The published document names both headers.
    const documented = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths['/api/v1/accounts'].get.description as string;
    for (const header of Object.keys(QuietTagHeaders.shape)) expect(documented).toContain(`\`${header}\``);
  });

  it('hands out no tag for a listing whose pages were built in different states, and a change after the listing is answered whole', async () => {
    let n = 0;
    const rename = async () => {
      n++;
      await base
        .updateTable('accounts')
        .set({ name: `Account renamed ${n}`, updated_at: `2026-03-03T10:00:0${n}.000Z` })
        .where('name', '=', 'Account 3')
        .execute();
    };
    const broken = await walk(10, rename);
    expect(broken.at(-1)!.headers['quiet-etag']).toBeUndefined();

    const pages = await walk(10);
    const quiet = QuietTagHeaders.parse(pages.at(-1)!.headers);
    await base.updateTable('accounts').set({ name: 'Account 5 later', updated_at: '2026-03-03T11:00:00.000Z' }).where('name', '=', 'Account 5').execute();
    const asked = await list(`/api/v1/accounts?limit=10&updatedSince=${encodeURIComponent(quiet['quiet-since'])}`, quiet['quiet-etag']);
    expect(asked.statusCode).toBe(200);
    expect(AccountPage.parse(asked.json()).items.map((a) => a.name)).toEqual(['Account 5 later']);
  });
});
