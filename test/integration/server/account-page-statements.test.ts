/**
 * What one accounts page costs the store (docs/ARCHITECTURE.md §5, §11), counted on the statements
 * the app runs, on both stores, whatever the machine: the sign-in read (which also tells whether
 * an access end is due) and the page's rows with their counts, two-factor marks and domain names
 * and the list's state, in one statement; a request naming the page's known tag reads the state
 * alone first. The page size does not change that, and while no end is due the expiry check
 * costs no statement of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CompiledQuery, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { PERMISSION_PRESETS, PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import type { Database } from '../../../src-server/db/tables.js';
import { accountPageRead, timeValues } from '../../../src-server/domain/account-reads.js';
import { listAccounts } from '../../../src-server/domain/accounts.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { CountedStatements } from './fixtures/counted-statements.js';
import { createTestDatabase, type TestDatabase } from './fixtures/postgres.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';
import { STRONG_PASSWORD } from './harness.js';

/** Sign-in read; the page's rows with their facts, domain names and the list's state. */
const STATEMENTS_PER_PAGE = 2;
const DAY = 86_400_000;
const MINUTE = 60_000;

describe.each(STORES)('an accounts page on %s', (store) => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-page-statements-'));
  const counted = new CountedStatements();
  let pg: TestDatabase | undefined;
  let base: Kysely<Database>;
  let app: FastifyInstance;
  let now = new Date('2026-03-03T09:00:00.000Z');
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const admin = { authorization: 'Bearer k' };

  beforeAll(async () => {
    pg = store === 'postgres' ? await createTestDatabase('page_statements') : undefined;
    base = openDatabase({ file: join(dir, 'db.sqlite'), url: pg?.url ?? '' });
    await migrateToLatest(base);
    const clock = () => now;
    ({ app } = await buildApp({ db: base.withPlugin(counted), clock, adminKey: 'k', signInLimiter: new SignInLimiter(base, clock) }, { logLevel: 'silent' }));
    for (const who of ['owner', 'scoped']) {
      const made = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: admin,
        payload: { email: `${who}@example.com`, name: who, password: STRONG_PASSWORD },
      });
      ids[who] = made.json().id;
    }
    for (let i = 0; i < 30; i++) {
      const account = (
        await app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers: admin, payload: { name: `Account ${i}`, ownerEmail: 'owner@example.com' } })
      ).json().id as string;
      const bought = (what: string, payload: Record<string, unknown>) =>
        app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${account}/${what}`, headers: admin, payload });
      await bought('services', { name: 'Hosting' });
      await bought('domains', { name: `site-${i}.example`, expiresAt: new Date(now.getTime() + (i % 40) * DAY).toISOString() });
      await bought('invoices', { amountCents: 1900, status: 'unpaid', dueAt: now.toISOString() });
      // The scoped member sees each account with only its own domain.
      await insertMembership(base, now, {
        accountId: account,
        userId: ids.scoped!,
        role: 'member',
        permissions: PERMISSION_PRESETS.webDeveloper,
        scope: { domains: [`site-${i}.example`] },
      });
      if (i === 0) ids.firstAccount = account;
    }
    for (const who of ['owner', 'scoped'])
      tokens[who] = (
        await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: `${who}@example.com`, password: STRONG_PASSWORD } })
      ).json().accessToken;
  });
  afterAll(async () => {
    await app?.close();
    await base?.destroy();
    rmSync(dir, { recursive: true, force: true });
    await pg?.drop();
  });

  async function page(who: string, limit: number, ifNoneMatch?: string) {
    const [runBefore, builtBefore] = [counted.run, counted.built.length];
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/accounts?limit=${limit}`,
      headers: { authorization: `Bearer ${tokens[who]}`, ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) },
    });
    expect(res.statusCode).toBe(200);
    return {
      body: AccountPage.parse(res.json()),
      etag: res.headers.etag as string,
      statements: counted.run - runBefore,
      built: counted.built.slice(builtBefore),
    };
  }

  it(`costs ${STATEMENTS_PER_PAGE} statements, whatever the page size, and the counts are still each account's`, async () => {
    const small = await page('owner', 5);
    const whole = await page('owner', 30);
    expect(small.statements).toBe(STATEMENTS_PER_PAGE);
    expect(whole.statements).toBe(STATEMENTS_PER_PAGE);
    expect(whole.body.items).toHaveLength(30);
    for (const account of whole.body.items) {
      expect(account.summary.services).toBe(1);
      expect(account.summary.unpaidInvoices).toBe(1);
      expect(account.domainNames).toHaveLength(1);
    }
    expect(whole.body.items.filter((a) => a.summary.domainsExpiringSoon === 1).length).toBeGreaterThan(0);
    // The domain names and the list's state are columns of the page's own read, not reads of their own.
    expect(whole.built.filter((tables) => tables.includes('domains') && !tables.includes('memberships'))).toEqual([]);
    expect(whole.built.filter((tables) => tables.includes('account_list_version'))).toHaveLength(1);
  });

  it('reads the state alone first only for a request naming the page’s known tag, then builds the page with its own', async () => {
    const first = await page('owner', 30);
    // A write since: the copy is not current, so the page is built again after the state said so.
    await app.inject({ method: 'POST', url: `/api/v1/admin/accounts/${ids.firstAccount}/services`, headers: admin, payload: { name: 'More hosting' } });
    const stale = await page('owner', 30, first.etag);
    expect(stale.statements).toBe(STATEMENTS_PER_PAGE + 1);
    expect(stale.built.filter((tables) => tables.includes('account_list_version'))).toHaveLength(2);
    // A tag the server never gave this page reads no state of its own.
    expect((await page('owner', 30, '"not-a-tag-of-this-page"')).statements).toBe(STATEMENTS_PER_PAGE);
  });

  it('works out each distinct grant once a page: its part of the rows’ text is written once, whatever the rows', async () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const { items } = await listAccounts(base, now, ids.owner!, { limit: 30 });
      const grants = stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'permissions' in value);
      expect(grants).toHaveLength(1);
      expect(items).toHaveLength(30);
      for (const account of items) expect(account.permissions).toEqual(PERMISSIONS);
      expect(new Set(items.map((a) => `${a.twoFactor?.required} ${a.twoFactor?.enabled}`))).toEqual(new Set(['false false']));
    } finally {
      stringify.mockRestore();
    }
  });

  it('costs three more for a page of scoped grants, for all of them together: their counts and their domain names in scope', async () => {
    const small = await page('scoped', 5);
    const whole = await page('scoped', 30);
    expect(small.statements).toBe(STATEMENTS_PER_PAGE + 3);
    expect(whole.statements).toBe(STATEMENTS_PER_PAGE + 3);
    // The web developer preset sees services and domains: only the domain in scope is counted.
    for (const account of whole.body.items) expect(account.summary.services).toBe(0);
  });

  it('checks for ended access in the sign-in read: no statement of its own while no end is due', async () => {
    // Within the access token's life, so the page is asked with the same token after the end.
    const end = new Date(now.getTime() + MINUTE).toISOString();
    const set = await app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${ids.firstAccount}/users/${ids.scoped}`,
      headers: { authorization: `Bearer ${tokens.owner}` },
      payload: { expiresAt: end },
    });
    expect(set.statusCode).toBe(200);
    const pending = await page('scoped', 30);
    expect(pending.statements).toBe(STATEMENTS_PER_PAGE + 3);
    // The old check was a read of access_expiries alone before every request.
    expect(pending.built.filter((tables) => tables.length === 1 && tables[0] === 'access_expiries')).toEqual([]);
    expect(pending.body.items.map((a) => a.id)).toContain(ids.firstAccount);

    now = new Date(now.getTime() + MINUTE);
    const due = await page('scoped', 30);
    expect(due.body.items.map((a) => a.id)).not.toContain(ids.firstAccount);
    expect(due.statements).toBeGreaterThan(STATEMENTS_PER_PAGE + 3);
    const gone = await base.selectFrom('memberships').select('id').where('account_id', '=', ids.firstAccount!).where('user_id', '=', ids.scoped!).execute();
    expect(gone).toEqual([]);
    expect((await page('scoped', 30)).statements).toBe(STATEMENTS_PER_PAGE + 3);
  });
});

describe('an accounts page read on SQLite', () => {
  let s: StoreServer;
  let owner: { id: string };
  beforeAll(async () => {
    s = await startOn('sqlite', 'account_page_read_plan');
    owner = await s.login('owner@example.com', 'Olivia Owner');
  });
  afterAll(async () => s?.close());

  it('reads its rows as one range of the membership index, each with its counts row, counting per row only the domains expiring soon, its domain names a range of their index', async () => {
    const values = { userId: owner.id, rows: 201, ...timeValues(s.now()), afterName: '', afterId: '', since: '' };
    const read = accountPageRead(s.db, values, '').compile();
    const plan = await s.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${read.sql}`, [...read.parameters]));
    const details = plan.rows.map((r) => r.detail).join('\n');
    expect(details).toContain('memberships_user_account_name');
    expect(details).toContain('account_counts');
    expect(details).toContain('domains_account_name');
    expect(details).not.toContain('TEMP B-TREE');
    for (const counted of ['services', 'invoices', 'tickets']) expect(details).not.toMatch(new RegExp(`SEARCH ${counted}\\b`));
  });
});
