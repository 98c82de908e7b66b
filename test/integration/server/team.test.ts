import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { SsoLink } from '../../../src-shared/api/sso.js';
import { AccountUserList, OwnershipTransfer } from '../../../src-shared/api/team.js';
import { describePanelSession } from '../../../src-server/domain/sso.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, grant, lastMail, person, type Person } from './scenario.js';

describe('account users: list, change, revoke, leave, transfer ownership', () => {
  let h: Harness;
  let owner: Person;
  let admin: Person;
  let member: Person;
  let accountId: string;

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    admin = await person(h, 'admin');
    member = await person(h, 'member');
    accountId = await accountOf(h, owner, 'Hotel Aurora');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets', 'contacts.manage', 'services.view']);
    await grant(h, accountId, member, 'member', ['tickets']);
  });
  afterAll(() => h.close());

  const users = (token: string) => h.call('GET', `/api/v1/accounts/${accountId}/users`, { token });
  const patch = (userId: string, body: unknown, token = owner.token) => h.call('PATCH', `/api/v1/accounts/${accountId}/users/${userId}`, { token, body });
  const revoke = (userId: string, token = owner.token) => h.call('DELETE', `/api/v1/accounts/${accountId}/users/${userId}`, { token });

  it('lists users with their grants, owner first; only for users.manage', async () => {
    const res = await users(owner.token);
    expect(res.status).toBe(200);
    const list = AccountUserList.parse(res.body);
    // The owner opens the list; the two grants were made within the same instant of the
    // injected clock, so their relative order is not defined.
    expect(list.items[0] && [list.items[0].email, list.items[0].role, list.items[0].origin]).toEqual([owner.email, 'owner', 'owner']);
    expect(list.items.slice(1).map((u) => [u.email, u.role, u.origin])).toEqual(
      expect.arrayContaining([
        [admin.email, 'admin', 'invitation'],
        [member.email, 'member', 'invitation'],
      ]),
    );
    expect(list.items).toHaveLength(3);
    expect(list.items[0]!.permissions).toEqual([...PERMISSIONS]);
    const paged: string[] = [];
    let cursor: string | null | undefined = null;
    do {
      const page = AccountUserList.parse(
        (await h.call('GET', `/api/v1/accounts/${accountId}/users?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.token })).body,
      );
      paged.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(list.items.map((u) => u.email));
    expect((await users(admin.token)).status).toBe(200);
    expectProblem(await users(member.token), 403, 'forbidden');
    expectProblem(await users((await person(h, 'outsider')).token), 404, 'not_found');
  });

  it('a permission change takes effect on the very next call', async () => {
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/contacts`, { token: member.token }), 403, 'forbidden');
    const changed = await patch(member.id, { permissions: ['tickets', 'contacts.manage'], scope: { services: ['svc_x'] } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: member.id, role: 'member', permissions: ['contacts.manage', 'tickets'], scope: { services: ['svc_x'] } });
    expect((await h.call('GET', `/api/v1/accounts/${accountId}/contacts`, { token: member.token })).status).toBe(200);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: member.token })).body).toMatchObject({
      permissions: ['contacts.manage', 'tickets'],
      scope: { services: ['svc_x'] },
    });

    expect((await patch(member.id, { permissions: ['tickets'], scope: null })).status).toBe(200);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/contacts`, { token: member.token }), 403, 'forbidden');
  });

  it('refuses to demote the owner, lets an admin grant only what they hold, and rejects bad changes', async () => {
    expectProblem(await patch(owner.id, { role: 'member' }), 409, 'conflict');
    expectProblem(await patch(owner.id, { permissions: ['tickets'] }, admin.token), 409, 'conflict');
    expectProblem(await patch(member.id, { permissions: ['billing.invoices'] }, admin.token), 403, 'forbidden');
    expectProblem(await patch(member.id, { role: 'owner' }), 400, 'validation_failed');
    expectProblem(await patch(member.id, {}), 400, 'validation_failed');
    expectProblem(await patch(member.id, { role: 'admin', scope: { domains: ['a.example'] } }), 400, 'validation_failed');
    expectProblem(await patch(admin.id, { permissions: ['tickets'] }, member.token), 403, 'forbidden');
    expectProblem(await patch('usr_missing', { permissions: ['tickets'] }), 404, 'not_found');
    const promoted = await patch(member.id, { role: 'admin', permissions: ['tickets', 'users.manage'] }, admin.token);
    expect(promoted.body).toMatchObject({ role: 'admin', permissions: ['tickets', 'users.manage'], scope: null });
    // An admin cannot touch someone who holds more than they do.
    const richer = await person(h, 'richer');
    await grant(h, accountId, richer, 'admin', ['users.manage', 'billing.invoices']);
    expectProblem(await patch(richer.id, { permissions: ['tickets'] }, member.token), 403, 'forbidden');
    expectProblem(await revoke(richer.id, member.token), 403, 'forbidden');
    expect((await patch(member.id, { role: 'member', permissions: ['tickets'] })).body.role).toBe('member');
  });

  it('revoking takes effect at once: API calls, the open panel session and unused SSO links are refused', async () => {
    const leaver = await person(h, 'revoked');
    await grant(h, accountId, leaver, 'member', ['tickets']);
    const opened = SsoLink.parse((await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: leaver.token })).body);
    const unused = SsoLink.parse((await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: leaver.token })).body);
    const landing = await fetch(opened.url, { redirect: 'manual' });
    expect(landing.status).toBe(303);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0]!;
    const panelToken = cookie.split('=')[1];
    expect(await describePanelSession(h.db, h.now(), panelToken)).toMatchObject({ accountId, impersonator: null, readOnly: false });

    expect((await revoke(leaver.id)).status).toBe(204);

    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}`, { token: leaver.token }), 404, 'not_found');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/tickets`, { token: leaver.token }), 404, 'not_found');
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: leaver.token }), 404, 'not_found');
    expect(await describePanelSession(h.db, h.now(), panelToken)).toBeUndefined();
    const page = await fetch(`${h.server.url}/panel/accounts/${accountId}`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).not.toBe(200);
    expect(await page.text()).not.toContain('Hotel Aurora');
    const late = await fetch(unused.url, { redirect: 'manual' });
    expect(late.status).not.toBe(303);
    expect(late.headers.get('set-cookie')).toBeNull();
    expectProblem(await revoke(leaver.id), 404, 'not_found');
  });

  it('a user may leave; the owner cannot leave or be removed', async () => {
    const leaving = await person(h, 'leaving');
    await grant(h, accountId, leaving, 'member', ['tickets']);
    expect((await revoke(leaving.id, leaving.token)).status).toBe(204);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}`, { token: leaving.token }), 404, 'not_found');
    const ownerLeaves = await revoke(owner.id, owner.token);
    expectProblem(ownerLeaves, 409, 'conflict');
    expect(ownerLeaves.body.detail).toMatch(/Transfer the ownership/);
    expectProblem(await revoke(owner.id, admin.token), 409, 'conflict');
    expectProblem(await revoke(admin.id, member.token), 403, 'forbidden');
    const audit = await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token });
    expect(audit.body.items.slice(0, 3).map((e: { action: string }) => e.action)).toContain('membership.left');
  });

  it('transfers ownership when the target confirms; the previous owner stays as an admin', async () => {
    const heir = await person(h, 'heir');
    await grant(h, accountId, heir, 'member', ['tickets']);
    expectProblem(
      await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: admin.token, body: { toUserId: heir.id } }),
      403,
      'forbidden',
    );
    expectProblem(
      await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: owner.token, body: { toUserId: 'usr_nobody' } }),
      404,
      'not_found',
    );
    const offered = await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: owner.token, body: { toUserId: heir.id } });
    expect(offered.status).toBe(201);
    expect(OwnershipTransfer.parse(offered.body)).toMatchObject({ accountId, toUserId: heir.id, status: 'pending' });
    expect((await lastMail(h, heir.email)).template).toBe('ownership_transfer');
    expect((await h.call('GET', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: heir.token })).body.status).toBe('pending');
    // Nothing changes until the target confirms; someone else cannot confirm.
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: heir.token })).body.role).toBe('member');
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer/confirm`, { token: admin.token }), 404, 'not_found');

    const confirmed = await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer/confirm`, { token: heir.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: heir.token })).body).toMatchObject({ role: 'owner', permissions: [...PERMISSIONS] });
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: owner.token })).body).toMatchObject({ role: 'admin', permissions: [...PERMISSIONS] });
    const stored = await h.db.selectFrom('accounts').select('owner_id').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(stored.owner_id).toBe(heir.id);
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/ownership-transfer/confirm`, { token: heir.token }), 404, 'not_found');
    // The former owner may now leave.
    expect((await revoke(owner.id, owner.token)).status).toBe(204);
    const actions = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: heir.token })).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['ownership.transfer_requested', 'ownership.transferred', 'membership.left']));
  });
});
