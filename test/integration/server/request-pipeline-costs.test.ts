/**
 * What one request of the load test's mix (`bench/load.bench.ts`) costs the server beyond its
 * queries (docs/ARCHITECTURE.md §11), counted on calls whatever the machine: a contact's stored
 * mail preferences are read with a schema made once, not one built for each contact of each page;
 * the app's own hooks (host guard, access ends, NUL check, idempotency) make no promise for a
 * request they let through, only a keyed write waits for them; the host guard reads the socket's
 * address once, not on every request.
 */
import { createHook } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { ContactList, MailPreferences } from '../../../src-shared/api/contacts.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { STRONG_PASSWORD } from './harness.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The files of the hooks every API request runs through (`app.ts` and the two `http/` installers). */
const HOOK_FILES = /src-server\/(app|http\/public-origin|http\/idempotency)\.ts:/;

describe('a request of the load mix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-pipeline-'));
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  let app: FastifyInstance;
  let port: number;
  let token: string;
  let account: string;

  /** A plain HTTP request on loopback (callbacks only: the client side makes one promise, its own). */
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: object): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, method, path, agent: false, headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const call = (method: string, path: string, body?: object, headers: Record<string, string> = {}) =>
    send(method, path, { authorization: `Bearer ${token}`, ...headers }, body);

  beforeAll(async () => {
    await migrateToLatest(base);
    const clock = () => new Date('2026-03-03T09:00:00.000Z');
    ({ app } = await buildApp({ db: base, clock, adminKey: 'k', signInLimiter: new SignInLimiter(base, clock) }, { logLevel: 'silent' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
    const admin = { authorization: 'Bearer k' };
    await send('POST', '/api/v1/admin/users', admin, { email: 'o@example.com', name: 'O', password: STRONG_PASSWORD });
    account = JSON.parse((await send('POST', '/api/v1/admin/accounts', admin, { name: 'Account', ownerEmail: 'o@example.com' })).body).id;
    token = JSON.parse((await send('POST', '/api/v1/session', {}, { email: 'o@example.com', password: STRONG_PASSWORD })).body).accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  /** The mail preferences the i-th contact is written with. */
  const preferencesOf = (i: number) => ({ general: i % 2 === 0, services: true, domains: false, billing: i % 3 === 0, support: false });

  it('reads every contact’s stored preferences without building a schema for it', async () => {
    const built = vi.spyOn(MailPreferences, 'partial');
    for (let i = 0; i < 20; i++) {
      const made = await call('POST', `/api/v1/accounts/${account}/contacts`, {
        name: `Contact ${i}`,
        email: `c-${i}@example.com`,
        preferences: preferencesOf(i),
      });
      expect(made.status).toBe(201);
    }
    const page = async () => ContactList.parse(JSON.parse((await call('GET', `/api/v1/accounts/${account}/contacts?limit=20`)).body));
    const first = (await page()).items[0]!;
    expect((await call('PATCH', `/api/v1/accounts/${account}/contacts/${first.id}`, { preferences: { support: true } })).status).toBe(200);
    const list = await page();
    expect(list.items).toHaveLength(20);
    // The stored preferences are still read, each as it was written (and the changed one with its change).
    for (const contact of list.items) {
      const i = Number(contact.email.slice('c-'.length, contact.email.indexOf('@')));
      expect(contact.preferences).toEqual({ ...preferencesOf(i), support: contact.id === first.id });
    }
    // 20 writes, a change and two pages of 20: no schema made for any of their 61 contacts.
    expect(built).not.toHaveBeenCalled();
  });

  /** The promises made while `request` runs whose creating function is one of the app's hooks. */
  async function hookPromisesOf(request: () => Promise<Answer>): Promise<{ answer: Answer; made: number }> {
    let made = 0;
    const probe = createHook({
      init(_id, type) {
        if (type !== 'PROMISE') return;
        // The first frame below the hook machinery is the function that made the promise.
        const frame = new Error().stack?.split('\n').find((line) => line.includes('/src-server/') || line.includes('/node_modules/'));
        if (frame && HOOK_FILES.test(frame)) made += 1;
      },
    });
    probe.enable();
    try {
      return { answer: await request(), made };
    } finally {
      probe.disable();
    }
  }

  it('passes a read or an unkeyed write through the app’s hooks without a promise; a keyed write waits for them', async () => {
    const list = await hookPromisesOf(() => call('GET', '/api/v1/accounts'));
    expect(list.answer.status).toBe(200);
    const etag = list.answer.headers.etag as string;
    const mix = [
      list,
      await hookPromisesOf(() => call('GET', '/api/v1/accounts', undefined, { 'if-none-match': etag })),
      await hookPromisesOf(() => call('GET', `/api/v1/accounts/${account}`)),
      await hookPromisesOf(() => call('GET', `/api/v1/accounts/${account}/contacts`)),
      await hookPromisesOf(() => call('POST', `/api/v1/accounts/${account}/contacts`, { name: 'Unkeyed', email: 'unkeyed@example.com' })),
    ];
    expect(mix.map((m) => m.answer.status)).toEqual([200, 304, 200, 200, 201]);
    expect(mix.map((m) => m.made)).toEqual([0, 0, 0, 0, 0]);
    // The probe sees the hooks' promises where they have work to do: a keyed write's claim and stored answer.
    const keyed = await hookPromisesOf(() =>
      call('POST', `/api/v1/accounts/${account}/contacts`, { name: 'Keyed', email: 'keyed@example.com' }, { 'idempotency-key': 'pipeline-1' }),
    );
    expect(keyed.answer.status).toBe(201);
    expect(keyed.made).toBeGreaterThan(0);
  });

  it('reads the listening address once, not for every request the host guard checks', async () => {
    const address = vi.spyOn(app.server, 'address');
    for (let i = 0; i < 5; i++) expect((await call('GET', '/api/v1/accounts')).status).toBe(200);
    expect(address).not.toHaveBeenCalled();
    // Still the guard: another host name on the same port is refused.
    expect((await send('GET', '/api/v1/accounts', { authorization: `Bearer ${token}`, host: `attacker.example:${port}` })).status).toBe(421);
    expect(AccountPage.parse(JSON.parse((await call('GET', '/api/v1/accounts')).body)).items).toHaveLength(1);
  });
});
