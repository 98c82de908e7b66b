/**
 * The panel's side of access requests: the owner's dashboard lists the open requests with the
 * requester's words escaped, and approving there with a permission unticked gives only the ticked
 * ones; declining, a forged form and a member's view are covered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './fixtures/browser.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { accountOf, grant, person, type Person } from './scenario.js';

describe('panel: access requests on the account dashboard', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    accountId = await accountOf(h, owner, 'Trattoria Enzo');
  });
  afterAll(() => h?.close());

  const ask = async (who: Person, message: string) => {
    const res = await h.call('POST', '/api/v1/access-requests', {
      token: who.token,
      body: { customerNumber: owner.customerNumber, permissions: ['services.view', 'tickets'], message },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const signedIn = async (email: string) => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    expect((await b.post('/panel/sign-in', { email, password: STRONG_PASSWORD, next: `/panel/accounts/${accountId}` })).status).toBe(303);
    return b;
  };
  const permissionsOf = async (userId: string) => {
    const row = await h.db.selectFrom('memberships').select('permissions').where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
    return row ? (JSON.parse(row.permissions) as string[]) : undefined;
  };

  it('the owner sees the request and approves with one permission unticked', async () => {
    const requester = await person(h, 'webdev');
    const id = await ask(requester, 'I build <b>your</b> site');
    const b = await signedIn(owner.email);
    const page = await b.get(`/panel/accounts/${accountId}`);
    expect(page.html).toContain('<h2>Access requests</h2>');
    expect(page.html).toContain('I build &lt;b&gt;your&lt;/b&gt; site');
    expect(page.html).toContain(requester.email);
    expect(page.html).toContain(`name="give.services.view" checked`);

    // A form without this session's token is refused and changes nothing.
    const forged = await b.post(`/panel/accounts/${accountId}/access-requests/${id}/approve`, { 'give.tickets': 'on' }, { csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await permissionsOf(requester.id)).toBeUndefined();

    const done = await b.post(`/panel/accounts/${accountId}/access-requests/${id}/approve`, { 'give.tickets': 'on' });
    expect(done.status).toBe(303);
    expect(await permissionsOf(requester.id)).toEqual(['tickets']);
    expect((await b.get(`/panel/accounts/${accountId}`)).html).toContain('No open requests.');
  });

  it('declining from the dashboard; a member sees no requests section', async () => {
    const requester = await person(h, 'stranger');
    const id = await ask(requester, 'Let me in');
    const member = await person(h, 'member');
    await grant(h, accountId, member, 'member', ['tickets']);
    const asMember = await signedIn(member.email);
    expect((await asMember.get(`/panel/accounts/${accountId}`)).html).not.toContain('Access requests');

    const b = await signedIn(owner.email);
    await b.get(`/panel/accounts/${accountId}`);
    expect((await b.post(`/panel/accounts/${accountId}/access-requests/${id}/decline`, {})).status).toBe(303);
    const own = await h.call('GET', '/api/v1/access-requests', { token: requester.token });
    expect(own.body.items[0]).toMatchObject({ id, status: 'declined' });
    expect(await permissionsOf(requester.id)).toBeUndefined();
  });
});
