/**
 * Answers built from typed rows are encoded once (docs/ARCHITECTURE.md §11, `http/typed-answer.ts`):
 * one JSON text of an accounts page, written from the rows with no object per row, made into bytes
 * once, and those bytes are what the ETag digest reads and what is sent, with no zod pass over the answer; contacts likewise, and a keyed write's
 * replay sends the bytes of its first answer. Counted on the calls, whatever the machine.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { Contact, ContactList } from '../../../src-shared/api/contacts.js';
import { User } from '../../../src-shared/api/users.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { STRONG_PASSWORD } from './harness.js';

describe('a typed answer', () => {
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

  /** Counts a schema's runs: the zod serializer runs the route's response schema over each answer it sends. */
  const zodPass = (schema: z.ZodType) => vi.spyOn(schema._zod, 'run');

  it('is still what a zod-serialized answer costs elsewhere (the probe sees the serializer)', async () => {
    const run = zodPass(User);
    expect((await get('/api/v1/me')).statusCode).toBe(200);
    expect(run).toHaveBeenCalled();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('is one JSON text written from the rows, made into bytes once, and the ETag is the digest of the very bytes sent', async () => {
    await get('/api/v1/accounts?limit=30');
    const stringify = vi.spyOn(JSON, 'stringify');
    const encode = vi.spyOn(Buffer, 'from');
    const parse = zodPass(AccountPage);
    const res = await get('/api/v1/accounts?limit=30');
    expect(res.statusCode).toBe(200);
    expect(Buffer.isBuffer(sent)).toBe(true);
    const bytes = sent as Buffer;
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`);
    // The page's text is made into bytes once.
    const pageTexts = encode.mock.calls.filter(([value]) => typeof value === 'string' && value.length >= bytes.length);
    expect(pageTexts.map(([value]) => value)).toEqual([bytes.toString('utf8')]);
    // Written from the rows' values: no object of a row, of its counts or of the page is serialized;
    // what is, besides the strings, is the grant's part of the text (once) and the page's short keys.
    const structured = stringify.mock.calls.map(([value]) => value).filter((value) => typeof value === 'object' && value !== null);
    expect(structured.filter((value) => !Array.isArray(value) && !('permissions' in value))).toEqual([]);
    expect(structured.length).toBeLessThan(30 / 5);
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

  it('sends contacts the same way, and a keyed write’s replay is the first answer’s bytes', async () => {
    const page = AccountPage.parse((await get('/api/v1/accounts?limit=1')).json());
    const account = page.items[0]!.id;
    const parse = zodPass(Contact);
    const listParse = zodPass(ContactList);
    const keyed = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/accounts/${account}/contacts`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'contact-1' },
        payload: { name: 'Carla Contact', email: 'carla@example.com' },
      });
    const made = await keyed();
    expect(made.statusCode).toBe(201);
    expect(Buffer.isBuffer(sent)).toBe(true);
    const replay = await keyed();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.rawPayload.equals(made.rawPayload)).toBe(true);
    const list = await get(`/api/v1/accounts/${account}/contacts`);
    expect(Buffer.isBuffer(sent)).toBe(true);
    expect(list.headers.etag).toBe(`"${createHash('sha256').update(list.rawPayload).digest('base64url').slice(0, 32)}"`);
    expect(parse).not.toHaveBeenCalled();
    expect(listParse).not.toHaveBeenCalled();
    expect(ContactList.parse(list.json()).items.map((c) => c.email)).toEqual(['carla@example.com']);
  });
});
