import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { expectProblem, type Harness, startHarness } from './harness.js';

const DAY = 86_400_000;

describe('accounts', () => {
  let h: Harness;
  let token: string;
  const ids: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('webmaster@example.com', 'Wendy Webmaster');
    await h.createLogin('owner@example.com', 'Otto Owner');
    for (const name of ['Echo', 'Alpha', 'Delta', 'Charlie', 'Bravo']) {
      const acc = await h.admin('/accounts', { name: `${name} Ltd`, ownerEmail: 'webmaster@example.com' });
      ids.push(acc.id);
    }
    token = (await h.signIn('webmaster@example.com')).accessToken;
  });
  afterAll(() => h.close());

  it('paginates by cursor over more than one page, in name order, without gaps or repeats', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await h.call('GET', `/api/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      const page = AccountPage.parse(res.body);
      expect(page.items.length).toBeLessThanOrEqual(2);
      names.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toEqual(['Alpha Ltd', 'Bravo Ltd', 'Charlie Ltd', 'Delta Ltd', 'Echo Ltd']);
  });

  it('reports role, effective permissions, scope and summary counts', async () => {
    const [echo] = ids;
    await h.admin(`/accounts/${echo}/services`, { name: 'Web Hosting' });
    await h.admin(`/accounts/${echo}/services`, { name: 'Old VPS', status: 'cancelled' });
    await h.admin(`/accounts/${echo}/domains`, { name: 'echo.example', expiresAt: new Date(h.now().getTime() + 10 * DAY).toISOString() });
    await h.admin(`/accounts/${echo}/domains`, { name: 'echo-later.example', expiresAt: new Date(h.now().getTime() + 90 * DAY).toISOString() });
    await h.admin(`/accounts/${echo}/invoices`, { amountCents: 4900, dueAt: h.now().toISOString() });
    await h.admin(`/accounts/${echo}/invoices`, { amountCents: 900, status: 'paid', dueAt: h.now().toISOString() });
    const res = await h.call('GET', `/api/v1/accounts/${echo}`, { token });
    expect(res.status).toBe(200);
    const account = Account.parse(res.body);
    expect(account).toMatchObject({ name: 'Echo Ltd', role: 'owner', scope: null });
    expect(account.permissions).toEqual([...PERMISSIONS]);
    expect(account.summary).toEqual({ services: 1, domainsExpiringSoon: 1, unpaidInvoices: 1, openTickets: 0 });
  });

  it('shows a member grant with its scope and without users.manage', async () => {
    const acc = await h.admin('/accounts', { name: 'Foxtrot GmbH', ownerEmail: 'owner@example.com' });
    const wendy = await h.db.selectFrom('users').select('id').where('email', '=', 'webmaster@example.com').executeTakeFirstOrThrow();
    await insertMembership(h.db, h.now(), {
      accountId: acc.id,
      userId: wendy.id,
      role: 'member',
      permissions: ['services.view', 'users.manage'],
      scope: { services: ['svc_1'] },
    });
    const res = await h.call('GET', `/api/v1/accounts/${acc.id}`, { token });
    expect(res.body).toMatchObject({ role: 'member', permissions: ['services.view'], scope: { services: ['svc_1'] } });
  });

  it('returns only what changed with updatedSince', async () => {
    h.advance(1000);
    const since = h.now().toISOString();
    const [, alpha] = ids;
    await h.admin(`/accounts/${alpha}/services`, { name: 'Managed WordPress' });
    const res = await h.call('GET', `/api/v1/accounts?updatedSince=${encodeURIComponent(since)}`, { token });
    expect(res.status).toBe(200);
    expect(AccountPage.parse(res.body).items.map((a) => a.name)).toEqual(['Alpha Ltd']);
    h.advance(1000);
    const later = await h.call('GET', `/api/v1/accounts?updatedSince=${encodeURIComponent(h.now().toISOString())}`, { token });
    expect(later.body.items).toEqual([]);
  });

  it('answers 404 for an account the caller cannot reach, and 400 for bad paging input', async () => {
    const other = await h.admin('/accounts', { name: 'Not Yours', ownerEmail: 'owner@example.com' });
    expectProblem(await h.call('GET', `/api/v1/accounts/${other.id}`, { token }), 404, 'not_found');
    expectProblem(await h.call('GET', '/api/v1/accounts/acc_missing', { token }), 404, 'not_found');
    expectProblem(await h.call('GET', '/api/v1/accounts?limit=0', { token }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/accounts?limit=abc', { token }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/accounts?cursor=%%%', { token }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/accounts?updatedSince=yesterday', { token }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/accounts?bogus=1', { token }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/accounts'), 401, 'unauthenticated');
  });
});

describe('provider administration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const counts = async () => ({
    users: Number(
      (
        await h.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    accounts: Number(
      (
        await h.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    services: Number(
      (
        await h.db
          .selectFrom('services')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('refuses every admin endpoint without the key or with a wrong one, and changes nothing', async () => {
    const before = await counts();
    const attempts: [string, unknown][] = [
      ['/users', { email: 'x@example.com', name: 'X', password: 'Strong-Pass-1' }],
      ['/accounts', { name: 'X', ownerEmail: 'x@example.com' }],
      ['/accounts/acc_x/services', { name: 'X' }],
      ['/accounts/acc_x/domains', { name: 'x.example', expiresAt: '2030-01-01T00:00:00Z' }],
      ['/accounts/acc_x/invoices', { amountCents: 1, dueAt: '2030-01-01T00:00:00Z' }],
    ];
    for (const [path, body] of attempts) {
      expectProblem(await h.call('POST', `/api/v1/admin${path}`, { body }), 401, 'unauthenticated');
      expectProblem(await h.call('POST', `/api/v1/admin${path}`, { body, token: 'wrong-key' }), 401, 'unauthenticated');
    }
    // A user's own access token is not an admin key either.
    await h.createLogin('user@example.com', 'User');
    const { accessToken } = await h.signIn('user@example.com');
    expectProblem(await h.call('POST', '/api/v1/admin/users', { token: accessToken, body: attempts[0]![1] }), 401, 'unauthenticated');
    expect((await counts()).accounts).toBe(before.accounts);
    expect((await counts()).users).toBe(before.users + 1);
  });

  it('rejects malformed bodies with 400 and stores nothing', async () => {
    await h.createLogin('owner@example.com', 'Owner');
    const acc = await h.admin('/accounts', { name: 'Real Account', ownerEmail: 'owner@example.com' });
    const before = await counts();
    const key = h.server.adminKey;
    const bad: [string, unknown][] = [
      ['/users', { email: 'weak@example.com', name: 'Weak', password: 'weakpass' }],
      ['/users', { email: 'nope', name: 'N', password: 'Strong-Pass-1' }],
      ['/users', { email: 'extra@example.com', name: 'E', password: 'Strong-Pass-1', role: 'admin' }],
      ['/accounts', { name: '', ownerEmail: 'owner@example.com' }],
      ['/accounts', { name: 'No Owner' }],
      [`/accounts/${acc.id}/services`, { name: 'X', status: 'exploded' }],
      [`/accounts/${acc.id}/domains`, { name: 'x.example', expiresAt: 'soon' }],
      [`/accounts/${acc.id}/invoices`, { amountCents: -5, dueAt: '2030-01-01T00:00:00Z' }],
      [`/accounts/${acc.id}/invoices`, 'not an object'],
    ];
    for (const [path, body] of bad) {
      expectProblem(await h.call('POST', `/api/v1/admin${path}`, { token: key, body }), 400, 'validation_failed');
    }
    expectProblem(await h.call('POST', '/api/v1/admin/users', { token: key, rawBody: '{"email": "a@b.c", ' }), 400, 'validation_failed');
    expectProblem(await h.call('POST', '/api/v1/admin/accounts', { token: key, body: { name: 'Ghost', ownerEmail: 'ghost@example.com' } }), 404, 'not_found');
    expectProblem(await h.call('POST', '/api/v1/admin/accounts/acc_missing/services', { token: key, body: { name: 'X' } }), 404, 'not_found');
    expectProblem(
      await h.call('POST', '/api/v1/admin/users', { token: key, body: { email: 'owner@example.com', name: 'Dup', password: 'Strong-Pass-1' } }),
      409,
      'conflict',
    );
    expect(await counts()).toEqual(before);
  });
});
