/**
 * What one request of the load test's mix (`bench/load.bench.ts`) costs the server beyond its
 * queries (docs/ARCHITECTURE.md §11), counted on calls whatever the machine: a contact's stored
 * mail preferences are read with a schema made once, not one built for each contact of each page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContactList, MailPreferences } from '../../../src-shared/api/contacts.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { STRONG_PASSWORD } from './harness.js';

describe('a request of the load mix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-pipeline-'));
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  let app: FastifyInstance;
  let token: string;
  let account: string;

  beforeAll(async () => {
    await migrateToLatest(base);
    const clock = () => new Date('2026-03-03T09:00:00.000Z');
    ({ app } = await buildApp({ db: base, clock, adminKey: 'k', signInLimiter: new SignInLimiter(base, clock) }, { logLevel: 'silent' }));
    const admin = { authorization: 'Bearer k' };
    await app.inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin, payload: { email: 'o@example.com', name: 'O', password: STRONG_PASSWORD } });
    account = (
      await app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers: admin, payload: { name: 'Account', ownerEmail: 'o@example.com' } })
    ).json().id;
    token = (await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'o@example.com', password: STRONG_PASSWORD } })).json().accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it('reads every contact’s stored preferences without building a schema for it', async () => {
    const built = vi.spyOn(MailPreferences, 'partial');
    for (let i = 0; i < 20; i++) {
      const preferences = { general: i % 2 === 0, services: true, domains: false, billing: i % 3 === 0, support: false };
      expect((await call('POST', `/api/v1/accounts/${account}/contacts`, { name: `Contact ${i}`, email: `c-${i}@example.com`, preferences })).statusCode).toBe(
        201,
      );
    }
    const first = ContactList.parse((await call('GET', `/api/v1/accounts/${account}/contacts?limit=20`)).json()).items[0]!;
    const changed = await call('PATCH', `/api/v1/accounts/${account}/contacts/${first.id}`, { preferences: { support: true } });
    expect(changed.statusCode).toBe(200);
    const list = ContactList.parse((await call('GET', `/api/v1/accounts/${account}/contacts?limit=20`)).json());
    expect(list.items).toHaveLength(20);
    // The stored preferences are still read, each as it was written.
    expect(list.items.find((c) => c.email === 'c-0@example.com')!.preferences).toEqual({
      general: true,
      services: true,
      domains: false,
      billing: true,
      support: first.email === 'c-0@example.com',
    });
    expect(list.items.find((c) => c.email === 'c-1@example.com')!.preferences).toEqual({
      general: false,
      services: true,
      domains: false,
      billing: false,
      support: first.email === 'c-1@example.com',
    });
    // 20 writes, a change and two pages of 20: no schema made for any of their 61 contacts.
    expect(built).not.toHaveBeenCalled();
  });
});
