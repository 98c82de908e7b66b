/**
 * The accounts list's ETag names the list's state, read before any page is built: everything a
 * page shows must change it, and nothing else may build the page for a 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import type { Harness } from './harness.js';
import { accountOf, DAY, grant, ownedAccount, person, type Person } from './scenario.js';

describe('GET /accounts: the ETag follows everything the page shows', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;
  let member: Person;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Harbour Lights'));
    await accountOf(h, owner, 'Quay Stores');
    member = await person(h, 'member');
    await grant(h, accountId, member, 'member', ['tickets']);
  });
  afterAll(() => h.close());

  const get = (who: Person, path = '/api/v1/accounts?limit=1', etag?: string) =>
    fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${who.token}`, ...(etag ? { 'if-none-match': etag } : {}) } });

  /** The caller's current tag, after checking it validates itself. */
  async function tagOf(who: Person, path?: string): Promise<string> {
    const first = await get(who, path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect((await get(who, path, etag)).status).toBe(304);
    return etag;
  }

  /** After `change`, the old tag no longer validates and the page shows what changed. */
  async function changes(who: Person, change: () => Promise<unknown>, shows: (page: AccountPage) => boolean) {
    const before = await tagOf(who);
    await change();
    const after = await get(who, undefined, before);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(shows(AccountPage.parse(await after.json()))).toBe(true);
  }

  it('tags each page of one state, answering 304 for any page whose copy is current', async () => {
    const first = await get(owner);
    const page = AccountPage.parse(await first.json());
    expect(page.nextCursor).not.toBeNull();
    const secondPath = `/api/v1/accounts?limit=1&cursor=${page.nextCursor}`;
    const second = await get(owner, secondPath);
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect((await get(owner, secondPath, second.headers.get('etag')!)).status).toBe(304);
    // One page's tag does not stand for another page, nor another page size; a broken cursor is refused, tag or not.
    expect((await get(owner, secondPath, first.headers.get('etag')!)).status).toBe(200);
    expect((await get(owner, '/api/v1/accounts?limit=2', first.headers.get('etag')!)).status).toBe(200);
    expect((await get(owner, '/api/v1/accounts?limit=1&cursor=nope', first.headers.get('etag')!)).status).toBe(400);
  });

  it('changes with an account renamed, by whatever code writes the row, even at the same instant', async () => {
    await changes(
      owner,
      () => h.db.updateTable('accounts').set({ name: 'A Harbour Renamed' }).where('id', '=', accountId).execute(),
      (page) => page.items[0]?.name === 'A Harbour Renamed',
    );
  });

  it('changes with a permission changed and with a membership removed', async () => {
    await changes(
      member,
      () => h.call('PATCH', `/api/v1/accounts/${accountId}/users/${member.id}`, { token: owner.token, body: { permissions: ['tickets', 'billing.invoices'] } }),
      (page) => page.items[0]?.permissions.includes('billing.invoices') === true,
    );
    await changes(
      member,
      () => h.call('DELETE', `/api/v1/accounts/${accountId}/users/${member.id}`, { token: owner.token }),
      (page) => page.items.length === 0,
    );
  });

  it('changes with an invitation accepted', async () => {
    const invitee = await person(h, 'invitee');
    const sent = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
      token: owner.token,
      body: { email: invitee.email, role: 'member', permissions: ['tickets'] },
    });
    expect(sent.status).toBe(201);
    const invitationId = (await h.call('GET', '/api/v1/invitations', { token: invitee.token })).body.items[0].id as string;
    await changes(
      invitee,
      () => h.call('POST', `/api/v1/invitations/${invitationId}/accept`, { token: invitee.token }),
      (page) => page.items[0]?.id === accountId,
    );
  });

  it('changes when a domain enters or leaves the expiring-soon window with time alone', async () => {
    const expiresAt = new Date(h.now().getTime() + 60 * DAY).toISOString();
    await h.admin(`/accounts/${accountId}/domains`, { name: 'harbour.example', expiresAt });
    const count = async () => AccountPage.parse(await (await get(owner, '/api/v1/accounts?limit=10')).json()).items.find((a) => a.id === accountId)!.summary;
    const outside = await tagOf(owner);
    expect((await count()).domainsExpiringSoon).toBe(0);
    h.advance(59 * DAY);
    // Sessions do not last that long; signing in again writes nothing a page shows.
    owner.token = (await h.signIn(owner.email)).accessToken;
    expect((await get(owner, undefined, outside)).status).toBe(200);
    expect((await count()).domainsExpiringSoon).toBe(1);
    const inside = await tagOf(owner);
    h.advance(2 * DAY);
    owner.token = (await h.signIn(owner.email)).accessToken;
    expect((await get(owner, undefined, inside)).status).toBe(200);
    expect((await count()).domainsExpiringSoon).toBe(0);
  });
});
