/**
 * An accounts page is encoded once (docs/ARCHITECTURE.md §11): one JSON text of the page, made
 * into bytes once, and those bytes are what the ETag digest reads and what is sent, with no zod
 * pass over the answer. Counted on the calls, whatever the machine.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { STRONG_PASSWORD } from './harness.js';

describe('an accounts page answer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-encoding-'));
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  let app: FastifyInstance;
  let token: string;
  /** What the last answer's onSend hooks handed on to be written. */
  let sent: unknown;

  beforeAll(async () => {
    await migrateToLatest(base);
    const clock = () => new Date('2026-03-03T09:00:00.000Z');
    ({ app } = await buildApp({ db: base, clock, adminKey: 'k', signInLimiter: new SignInLimiter(base, clock) }, { logLevel: 'silent' }));
    // Registered after the app's own hooks (the ETag's among them): it sees the payload as it goes to the socket.
    app.addHook('onSend', async (_request, _reply, payload) => {
      sent = payload;
      return payload;
    });
    const admin = { authorization: 'Bearer k' };
    await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin, payload: { email: 'o@example.com', name: 'O', password: STRONG_PASSWORD } });
    for (let i = 0; i < 40; i++) {
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: admin,
        payload: { name: `Account ${i}`, ownerEmail: 'o@example.com' },
      });
      await app.inject({
        method: 'POST',
        url: `/api/v1/admin/accounts/${made.json().id}/domains`,
        headers: admin,
        payload: { name: `site-${i}.example`, expiresAt: '2027-01-01T00:00:00.000Z' },
      });
    }
    token = (await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'o@example.com', password: STRONG_PASSWORD } })).json().accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('is one JSON text, made into bytes once, and the ETag is the digest of the very bytes sent', async () => {
    await get('/api/v1/accounts?limit=30');
    const stringify = vi.spyOn(JSON, 'stringify');
    const parse = vi.spyOn(AccountPage, 'safeParse');
    const res = await get('/api/v1/accounts?limit=30');
    expect(res.statusCode).toBe(200);
    expect(Buffer.isBuffer(sent)).toBe(true);
    const bytes = sent as Buffer;
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`);
    // The page's text is made once (the state's key and the page's key are short texts of their own).
    const pageTexts = stringify.mock.results.filter((r) => typeof r.value === 'string' && (r.value as string).length >= bytes.length);
    expect(pageTexts.map((r) => r.value)).toEqual([bytes.toString('utf8')]);
    expect(parse).not.toHaveBeenCalled();
    expect(AccountPage.parse(res.json()).items).toHaveLength(30);
  });

  it('answers a current copy 304 by the same tag, and one account in the same encoding', async () => {
    const first = await get('/api/v1/accounts?limit=30');
    const again = await app.inject({
      method: 'GET',
      url: '/api/v1/accounts?limit=30',
      headers: { authorization: `Bearer ${token}`, 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const one = await get(`/api/v1/accounts/${AccountPage.parse(first.json()).items[0]!.id}`);
    expect(one.statusCode).toBe(200);
    expect(Buffer.isBuffer(sent)).toBe(true);
    expect(one.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Account.parse(one.json()).domainNames).toEqual(['site-0.example']);
  });
});
