import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage } from '../../../src-shared/api/activity.js';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { startClientArea } from '../../../src-server/server.js';
import { expectProblem, type Harness } from './harness.js';
import { accountOf, grant, ownedAccount, person, type Person } from './scenario.js';

describe('audit trail and its CSV export', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Galleria Verdi'));
  });
  afterAll(() => h.close());

  it('records access changes and SSO, newest first, paged by cursor; readable by owner and admins only', async () => {
    const admin = await person(h, 'admin');
    const member = await person(h, 'member');
    await grant(h, accountId, admin, 'admin', ['tickets']);
    await grant(h, accountId, member, 'member', ['tickets']);
    await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, { token: owner.token, body: { email: 'Rossi@Example.com', permissions: ['tickets'] } });
    h.advance(1000);
    await h.call('PATCH', `/api/v1/accounts/${accountId}/users/${member.id}`, { token: owner.token, body: { permissions: ['tickets', 'billing.invoices'] } });
    h.advance(1000);
    const link = await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: member.token });
    await fetch(link.body.url, { redirect: 'manual' });
    h.advance(1000);
    await h.call('DELETE', `/api/v1/accounts/${accountId}/users/${member.id}`, { token: owner.token });

    const page = AuditPage.parse((await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: admin.token })).body);
    expect(page.items.map((e) => e.action)).toEqual(['membership.revoked', 'sso.link_used', 'sso.link_created', 'membership.updated', 'invitation.created']);
    expect(page.items[0]).toMatchObject({ actor: { id: owner.id, email: owner.email }, subject: member.email, details: { userId: member.id } });
    expect(page.items[3]!.details).toMatchObject({ before: { permissions: ['tickets'] }, after: { permissions: ['billing.invoices', 'tickets'] } });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = AuditPage.parse(
        (await h.call('GET', `/api/v1/accounts/${accountId}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.token })).body,
      );
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(page.items.map((e) => e.id));

    const viewer = await person(h, 'viewer');
    await grant(h, accountId, viewer, 'member', ['tickets', 'users.manage']);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: viewer.token }), 403, 'forbidden');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/audit.csv`, { token: viewer.token }), 403, 'forbidden');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: member.token }), 404, 'not_found');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/audit?cursor=bogus`, { token: owner.token }), 400, 'validation_failed');
  });

  it('exports the trail as CSV, newest first, with quoting and formula-safe cells', async () => {
    const tricky = await h.createLogin('tricky@example.com', '=HYPERLINK("http://evil"), "Boss"');
    const { accessToken } = await h.signIn('tricky@example.com');
    await h.db
      .insertInto('memberships')
      .values({
        id: 'mem_tricky',
        account_id: accountId,
        user_id: tricky.id,
        role: 'admin',
        permissions: '["users.manage","tickets"]',
        scope: null,
        created_at: h.now().toISOString(),
        updated_at: h.now().toISOString(),
      })
      .execute();
    h.advance(1000);
    await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, { token: accessToken, body: { email: 'csv@example.com', permissions: ['tickets'] } });

    const res = await fetch(`${h.server.url}/api/v1/accounts/${accountId}/audit.csv`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-acc_\w+\.csv"/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,action,actor_name,actor_email,subject,details');
    expect(lines).toHaveLength(
      1 + AuditPage.parse((await h.call('GET', `/api/v1/accounts/${accountId}/audit?limit=1000`, { token: owner.token })).body).items.length,
    );
    expect(lines[1]).toContain(',invitation.created,');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil""), ""Boss"""`);
    expect(lines[1]).toContain('tricky@example.com,csv@example.com,');
  });
});

describe('incremental sync: ETag and updatedSince', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Fjord Fisheries'));
    await accountOf(h, owner, 'Second Fjord');
  });
  afterAll(() => h.close());

  const get = (path: string, etag?: string) =>
    fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${owner.token}`, ...(etag ? { 'if-none-match': etag } : {}) } });

  it('a re-sync of the accounts list with nothing changed is a 304 with no account data', async () => {
    const first = await get('/api/v1/accounts');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(AccountPage.parse(await first.json()).items).toHaveLength(2);

    const again = await get('/api/v1/accounts', etag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/api/v1/accounts', `W/${etag}, "other"`)).status).toBe(304);

    await h.admin(`/accounts/${accountId}/services`, { name: 'Boat Tracker' });
    const changed = await get('/api/v1/accounts', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(AccountPage.parse(await changed.json()).items.find((a) => a.id === accountId)?.summary.services).toBe(1);
    // Another user's view of the same data has its own tag.
    const other = await person(h, 'other');
    await grant(h, accountId, other, 'member', ['tickets']);
    const theirs = await fetch(`${h.server.url}/api/v1/accounts`, {
      headers: { authorization: `Bearer ${other.token}`, 'if-none-match': changed.headers.get('etag')! },
    });
    expect(theirs.status).toBe(200);
  });

  it('users, contacts and invitations lists answer 304 too, and updatedSince returns only what changed', async () => {
    for (const list of ['users', 'contacts', 'invitations']) {
      const first = await get(`/api/v1/accounts/${accountId}/${list}`);
      expect(first.status, list).toBe(200);
      expect((await get(`/api/v1/accounts/${accountId}/${list}`, first.headers.get('etag')!)).status, list).toBe(304);
    }
    h.advance(1000);
    const since = encodeURIComponent(h.now().toISOString());
    const member = await person(h, 'late');
    await grant(h, accountId, member, 'member', ['tickets']);
    await h.call('POST', `/api/v1/accounts/${accountId}/contacts`, { token: owner.token, body: { name: 'New Contact', email: 'nc@example.com' } });
    const users = await (await get(`/api/v1/accounts/${accountId}/users?updatedSince=${since}`)).json();
    expect(users.items.map((u: { email: string }) => u.email)).toEqual([member.email]);
    const contacts = await (await get(`/api/v1/accounts/${accountId}/contacts?updatedSince=${since}`)).json();
    expect(contacts.items.map((c: { name: string }) => c.name)).toEqual(['New Contact']);
  });
});

describe('a provider’s stricter password policy', () => {
  it('applies to every new password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientarea-policy-'));
    const server = await startClientArea({
      databaseFile: join(dir, 'db.sqlite'),
      databaseUrl: '',
      adminKey: 'k',
      passwordPolicy: { minLength: 14, requireLower: true },
    });
    try {
      const signup = (password: string) =>
        fetch(`${server.url}/api/v1/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'p@example.com', name: 'P', password }),
        });
      const short = await signup('Correct-Hors7');
      expect(short.status).toBe(400);
      expect((await short.json()).detail).toContain('at least 14 characters');
      const upper = await signup('CORRECT-HORSE-BATTERY-7');
      expect((await upper.json()).detail).toContain('a lower-case letter');
      expect((await signup('Correct-Horse-Battery-7')).status).toBe(202);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
