/**
 * The owner's policy "require two-factor sign-in for everyone with access": only the owner sets
 * it, and only with two-factor sign-in of their own; a login without it still sees the account
 * but is refused every action on it with `two_factor_required` until it enrols; the owner sees who
 * does not comply; each change is in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwoFactorPolicy } from '../../../src-shared/api/two-factor.js';
import { expectProblem, type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { accountOf, enrolTwoFactor, grant, person, type Person } from './scenario.js';

describe('requiring two-factor sign-in on an account', () => {
  let h: Harness;
  let owner: Person;
  let member: Person;
  let admin: Person;
  let accountId: string;
  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    member = await person(h, 'member');
    admin = await person(h, 'admin');
    accountId = await accountOf(h, owner);
    await grant(h, accountId, member, 'member', ['tickets', 'services.view']);
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets']);
  });
  afterAll(() => h.close());

  const policy = (required: boolean, token = owner.token) => h.call('PUT', `/api/v1/accounts/${accountId}/two-factor-policy`, { token, body: { required } });

  const enrol = (who: Person) => enrolTwoFactor(h, who);

  it('only the owner sets it, and only with two-factor sign-in of their own', async () => {
    expectProblem(await policy(true), 409, 'conflict');
    expectProblem(await policy(true, admin.token), 403, 'forbidden');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/two-factor-policy`, { token: admin.token }), 403, 'forbidden');
    const outsider = await person(h, 'outsider');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/two-factor-policy`, { token: outsider.token }), 404, 'not_found');
    owner = { ...owner, token: await enrol(owner) };
    const on = await policy(true);
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const shown = TwoFactorPolicy.parse(on.body);
    expect(shown.required).toBe(true);
    // The owner sees who does not comply.
    expect(Object.fromEntries(shown.members.map((m) => [m.email, m.twoFactorEnabled]))).toEqual({
      [owner.email]: true,
      [member.email]: false,
      [admin.email]: false,
    });
    const audit = await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token });
    const changes = (audit.body.items as { action: string; details: unknown }[]).filter((e) => e.action === 'two_factor.policy_changed');
    expect(changes.map((e) => e.details)).toEqual([{ required: true }]);
    // While it requires it, the owner cannot turn their own off (and lock themselves out of the policy).
    const off = await h.call('POST', '/api/v1/me/two-factor/disable', { token: owner.token, body: { password: STRONG_PASSWORD, code: '000000' } });
    expectProblem(off, 409, 'conflict');
    expect(off.body.detail).toMatch(/Stop requiring it there/);
  });

  it('a login without it still sees the account, and every other action is refused with that reason', async () => {
    const list = await h.call('GET', '/api/v1/accounts', { token: member.token });
    expect((list.body.items as { id: string }[]).map((a) => a.id)).toContain(accountId);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: member.token })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `/api/v1/accounts/${accountId}/tickets`, undefined],
      ['POST', `/api/v1/accounts/${accountId}/tickets`, { subject: 'Help', body: 'Please' }],
      ['GET', `/api/v1/accounts/${accountId}/services`, undefined],
      ['POST', `/api/v1/accounts/${accountId}/sso`, {}],
    ] as const) {
      const res = await h.call(method, path, { token: member.token, body });
      expectProblem(res, 403, 'two_factor_required');
      expect(res.body.detail).toMatch(/requires two-factor sign-in/);
    }
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/users`, { token: admin.token }), 403, 'two_factor_required');
  });

  it('once the login enrols, it acts again; turning the policy off lifts it for everyone', async () => {
    const token = await enrol(member);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}/tickets`, { token })).status).toBe(200);
    const shown = TwoFactorPolicy.parse((await h.call('GET', `/api/v1/accounts/${accountId}/two-factor-policy`, { token: owner.token })).body);
    expect(shown.members.filter((m) => !m.twoFactorEnabled).map((m) => m.email)).toEqual([admin.email]);
    expect((await policy(false)).body.required).toBe(false);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}/users`, { token: admin.token })).status).toBe(200);
    // Setting it to what it already is records nothing.
    await policy(false);
    const audit = await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token });
    const changes = (audit.body.items as { action: string; details: unknown }[]).filter((e) => e.action === 'two_factor.policy_changed');
    expect(changes.map((e) => e.details)).toEqual([{ required: false }, { required: true }]);
  });
});
