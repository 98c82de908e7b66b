import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SsoLink } from '../../../src-shared/api/sso.js';
import { ManagedUsersCreated } from '../../../src-shared/api/team.js';
import { describePanelSession, isViewAsSession } from '../../../src-server/domain/sso.js';
import { expectProblem, type Harness } from './harness.js';
import { DAY, grant, lastMail, outbox, ownedAccount, person, type Person, tokenIn } from './scenario.js';

describe('managed users: created by the owner, activated by mail, reset, disabled, viewed as', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Alpine Dental'));
  });
  afterAll(() => h.close());

  const create = (body: unknown, token = owner.token) => h.call('POST', `/api/v1/accounts/${accountId}/managed-users`, { token, body });
  const action = (userId: string, what: string, token = owner.token) =>
    h.call('POST', `/api/v1/accounts/${accountId}/managed-users/${userId}/${what}`, { token });
  const signIn = (email: string, password: string) => h.call('POST', '/api/v1/session', { body: { email, password } });

  it('creates several users in one request; without activation they stay inactive and cannot sign in', async () => {
    const res = await create({
      sendActivation: false,
      users: [
        { name: 'Nora Nurse', email: 'nora@dental.example', permissions: ['tickets'] },
        {
          name: 'Rita Reception',
          email: 'rita@dental.example',
          notificationEmail: 'rita.home@example.com',
          role: 'admin',
          permissions: ['users.manage', 'tickets'],
        },
      ],
    });
    expect(res.status).toBe(201);
    const { items } = ManagedUsersCreated.parse(res.body);
    expect(items.map((u) => [u.email, u.role, u.status, u.origin])).toEqual([
      ['nora@dental.example', 'member', 'pending_activation', 'managed'],
      ['rita@dental.example', 'admin', 'pending_activation', 'managed'],
    ]);
    expect(await outbox(h, 'nora@dental.example')).toEqual([]);
    const refused = await signIn('nora@dental.example', 'Anything-1!');
    expectProblem(refused, 401, 'invalid_credentials');
    const users = await h.call('GET', `/api/v1/accounts/${accountId}/users`, { token: owner.token });
    expect(users.body.items.find((u: { email: string }) => u.email === 'nora@dental.example')).toMatchObject({
      status: 'pending_activation',
      origin: 'managed',
    });
  });

  it('is all or nothing: an email that already has a login fails the whole request', async () => {
    const existing = await person(h, 'existing');
    const res = await create({
      sendActivation: true,
      users: [
        { name: 'New', email: 'new-one@dental.example', permissions: ['tickets'] },
        { name: 'Old', email: existing.email, permissions: ['tickets'] },
      ],
    });
    expectProblem(res, 409, 'conflict');
    expect(res.body.detail).toContain(existing.email);
    expect(await h.db.selectFrom('users').select('id').where('email', '=', 'new-one@dental.example').execute()).toEqual([]);
    expectProblem(
      await create({
        sendActivation: true,
        users: [
          { name: 'A', email: 'same@x.example', permissions: ['tickets'] },
          { name: 'B', email: 'same@x.example', permissions: ['tickets'] },
        ],
      }),
      400,
      'validation_failed',
    );
    expectProblem(await create({ sendActivation: true, users: [] }), 400, 'validation_failed');
    const member = await person(h, 'member');
    await grant(h, accountId, member, 'member', ['tickets']);
    expectProblem(
      await create({ sendActivation: true, users: [{ name: 'X', email: 'x@dental.example', permissions: ['tickets'] }] }, member.token),
      403,
      'forbidden',
    );
  });

  it('activation: sent on request (only the newest link works), a password under the policy, then sign-in works', async () => {
    const nora = (await h.db.selectFrom('users').select('id').where('email', '=', 'nora@dental.example').executeTakeFirstOrThrow()).id;
    const first = await action(nora, 'activation');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ sentAt: h.now().toISOString() });
    const oldToken = tokenIn(await lastMail(h, 'nora@dental.example'), '/panel/activate');
    expect((await action(nora, 'activation')).status).toBe(200);
    const mail = await lastMail(h, 'nora@dental.example');
    expect(mail).toMatchObject({ template: 'activation', kind: 'access' });
    expect(mail.text).toContain('Alpine Dental');
    const token = tokenIn(mail, '/panel/activate');
    expectProblem(await h.call('POST', '/api/v1/activation', { body: { token: oldToken, password: 'Mountain-Air-9' } }), 410, 'link_invalid');

    // Still pending: the sign-in names the reason once the password would be right.
    for (const weak of ['short1!', 'alllowercase1!', 'NoDigitsHere!', 'NoSpecial123', 'Password1!', 'Welcome2024!']) {
      expectProblem(await h.call('POST', '/api/v1/activation', { body: { token, password: weak } }), 400, 'validation_failed');
    }
    const activated = await h.call('POST', '/api/v1/activation', { body: { token, password: 'Mountain-Air-9' } });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ email: 'nora@dental.example', status: 'active' });
    expectProblem(await h.call('POST', '/api/v1/activation', { body: { token, password: 'Mountain-Air-9' } }), 410, 'link_invalid');
    expect((await signIn('nora@dental.example', 'Mountain-Air-9')).status).toBe(200);
    expectProblem(await action(nora, 'activation'), 409, 'conflict');
  });

  it('mails go to the notification address; an activation link dies after 7 days', async () => {
    const rita = (await h.db.selectFrom('users').select('id').where('email', '=', 'rita@dental.example').executeTakeFirstOrThrow()).id;
    expectProblem(await action(rita, 'password-reset'), 409, 'conflict');
    expect((await action(rita, 'activation')).status).toBe(200);
    expect(await outbox(h, 'rita@dental.example')).toEqual([]);
    const token = tokenIn(await lastMail(h, 'rita.home@example.com'), '/panel/activate');
    h.advance(8 * DAY);
    owner.token = (await h.signIn(owner.email)).accessToken;
    expectProblem(await h.call('POST', '/api/v1/activation', { body: { token, password: 'Mountain-Air-9' } }), 410, 'link_invalid');
  });

  it('password reset mails a one-time link; the new password works and old sessions end', async () => {
    const nora = (await h.db.selectFrom('users').select('id').where('email', '=', 'nora@dental.example').executeTakeFirstOrThrow()).id;
    const session = (await signIn('nora@dental.example', 'Mountain-Air-9')).body;
    expect((await action(nora, 'password-reset')).status).toBe(200);
    const token = tokenIn(await lastMail(h, 'nora@dental.example'), '/panel/reset-password');
    expect((await h.call('POST', '/api/v1/password-reset', { body: { token, password: 'River-Stone-88' } })).status).toBe(200);
    expectProblem(await h.call('GET', '/api/v1/me', { token: session.accessToken }), 401, 'unauthenticated');
    expectProblem(await signIn('nora@dental.example', 'Mountain-Air-9'), 401, 'invalid_credentials');
    expect((await signIn('nora@dental.example', 'River-Stone-88')).status).toBe(200);
  });

  it('the owner views the panel as a managed user: read-only, marked and audited', async () => {
    const nora = (await h.db.selectFrom('users').select('id').where('email', '=', 'nora@dental.example').executeTakeFirstOrThrow()).id;
    const admin = await person(h, 'dentaladmin');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets']);
    expectProblem(await action(nora, 'view-as', admin.token), 403, 'forbidden');
    const outsider = await person(h, 'notmanaged');
    await grant(h, accountId, outsider, 'member', ['tickets']);
    expectProblem(await action(outsider.id, 'view-as'), 404, 'not_found');

    const res = await action(nora, 'view-as');
    expect(res.status).toBe(200);
    const link = SsoLink.parse(res.body);
    expect(Date.parse(link.expiresAt) - h.now().getTime()).toBeLessThanOrEqual(60_000);
    const landing = await fetch(link.url, { redirect: 'manual' });
    expect(landing.status).toBe(303);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0]!;
    const panelToken = cookie.split('=')[1];
    const session = await describePanelSession(h.db, h.now(), panelToken);
    expect(session).toMatchObject({ accountId, readOnly: true, user: { email: 'nora@dental.example' }, impersonator: { email: owner.email } });
    expect(await isViewAsSession(h.db, h.now(), panelToken)).toBe(true);
    expect((await fetch(link.url, { redirect: 'manual' })).status).not.toBe(303);

    const audit = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token })).body.items;
    expect(audit.find((e: { action: string }) => e.action === 'impersonation.started')).toMatchObject({
      actor: { email: owner.email },
      subject: 'nora@dental.example',
    });
    expect(audit.find((e: { action: string }) => e.action === 'sso.link_used')).toMatchObject({ details: { readOnly: true, viewedUserId: nora } });

    // The view ends when the owner is no longer the owner of the account.
    await h.db.updateTable('memberships').set({ role: 'admin' }).where('account_id', '=', accountId).where('user_id', '=', owner.id).execute();
    expect(await describePanelSession(h.db, h.now(), panelToken)).toBeUndefined();
    await h.db.updateTable('memberships').set({ role: 'owner' }).where('account_id', '=', accountId).where('user_id', '=', owner.id).execute();
  });

  it('disabling ends every session at once and refuses sign-in; enabling brings the login back', async () => {
    const nora = (await h.db.selectFrom('users').select('id').where('email', '=', 'nora@dental.example').executeTakeFirstOrThrow()).id;
    const session = (await signIn('nora@dental.example', 'River-Stone-88')).body;
    const res = await action(nora, 'disable');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disabled' });
    expectProblem(await h.call('GET', '/api/v1/me', { token: session.accessToken }), 401, 'unauthenticated');
    expectProblem(await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: session.refreshToken } }), 401, 'unauthenticated');
    expectProblem(await signIn('nora@dental.example', 'River-Stone-88'), 403, 'forbidden');
    expectProblem(await action(nora, 'view-as'), 409, 'conflict');
    expect((await action(nora, 'enable')).body).toMatchObject({ status: 'active' });
    expect((await signIn('nora@dental.example', 'River-Stone-88')).status).toBe(200);
    const actions = (await h.call('GET', `/api/v1/accounts/${accountId}/audit?limit=1000`, { token: owner.token })).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'managed_user.created',
        'managed_user.activation_sent',
        'managed_user.activated',
        'managed_user.password_reset',
        'managed_user.disabled',
        'managed_user.enabled',
      ]),
    );
  });
});
