/**
 * The review's high finding: an owner of an unrelated account creates a managed user with a
 * victim's email and the attacker's own notification address, activates it from the attacker's
 * mailbox, and so held a "proved" login for the victim's email, with every invitation sent to it.
 * Now the activation through a notification address proves nothing about the login email, and an
 * address someone is inviting cannot become a managed login at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { accountOf, lastMail, outbox, person, type Person, tokenIn } from './scenario.js';

let h: Harness;
let attacker: Person;
let attackerAccount: string;
let owner: Person;
let ownerAccount: string;
beforeAll(async () => {
  h = await startHarness();
  attacker = await person(h, 'attacker');
  attackerAccount = await accountOf(h, attacker, 'Unrelated Shop');
  owner = await person(h, 'honest-owner');
  ownerAccount = await accountOf(h, owner, 'Corp Account');
});
afterAll(() => h.close());

const createManaged = (email: string) =>
  h.call('POST', `/api/v1/accounts/${attackerAccount}/managed-users`, {
    token: attacker.token,
    body: { sendActivation: true, users: [{ name: 'Victim', email, notificationEmail: 'attacker@evil.example', permissions: ['tickets'] }] },
  });

const inviteByOwner = (email: string) =>
  h.call('POST', `/api/v1/accounts/${ownerAccount}/invitations`, { token: owner.token, body: { email, permissions: ['tickets'] } });

/** The attacker opens the activation mail that reached their notification address and signs in. */
async function activateFromAttackerMailbox(email: string): Promise<string> {
  const activation = tokenIn(await lastMail(h, 'attacker@evil.example'), '/panel/activate');
  expect((await h.call('POST', '/api/v1/activation', { body: { token: activation, password: STRONG_PASSWORD } })).status).toBe(200);
  return (await h.signIn(email)).accessToken;
}

describe('taking over an email with a managed user', () => {
  it('an activation delivered to a notification address does not prove the login email: the invitations sent to it stay out of reach', async () => {
    const victim = 'victim@corp.example';
    expect((await createManaged(victim)).status).toBe(201);
    const token = await activateFromAttackerMailbox(victim);
    const row = await h.db.selectFrom('users').select(['status', 'email_verified_at']).where('email', '=', victim).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', email_verified_at: null });

    // Another owner now invites the real victim: the mail goes to the victim's mailbox, and the attacker's login sees nothing.
    const { body: invitation } = await inviteByOwner(victim);
    expect((await lastMail(h, victim)).template).toBe('invitation');
    expect((await outbox(h, 'attacker@evil.example')).some((m) => m.template === 'invitation')).toBe(false);
    expect((await h.call('GET', '/api/v1/invitations', { token })).body.items).toEqual([]);
    expectProblem(await h.call('POST', `/api/v1/invitations/${invitation.id}/accept`, { token }), 403, 'email_not_verified');
    expectProblem(await h.call('GET', `/api/v1/accounts/${ownerAccount}`, { token }), 404, 'not_found');
  });

  it('an address another owner is inviting cannot become a managed login: refused with a clear reason, nothing created', async () => {
    const victim = 'invited@corp.example';
    const { body: invitation } = await inviteByOwner(victim);
    const refused = await createManaged(victim);
    expectProblem(refused, 409, 'conflict');
    expect(refused.body.detail).toContain('pending invitation');
    expect(await h.db.selectFrom('users').select('id').where('email', '=', victim).executeTakeFirst()).toBeUndefined();
    expect((await outbox(h, 'attacker@evil.example')).filter((m) => m.template === 'activation')).toHaveLength(1);

    // The real person signs up with the invitation's mailed link, unaffected.
    const link = tokenIn(await lastMail(h, victim), '/panel/invitations/accept');
    const signup = await h.call('POST', '/api/v1/signup', {
      body: { email: victim, name: 'Real Victim', password: 'Their-Own-Pass-5', invitationToken: link },
    });
    expect(signup.status).toBe(201);
    expect(signup.body.invitation).toMatchObject({ invitation: { id: invitation.id, status: 'accepted' }, account: { id: ownerAccount } });
  });

  it('an address that already has a login cannot become a managed login', async () => {
    const existing = await person(h, 'existing');
    expectProblem(await createManaged(existing.email), 409, 'conflict');
  });

  it('without a notification address the activation still proves the login email, as before', async () => {
    const res = await h.call('POST', `/api/v1/accounts/${attackerAccount}/managed-users`, {
      token: attacker.token,
      body: { sendActivation: true, users: [{ name: 'Staff', email: 'staff@shop.example', permissions: ['tickets'] }] },
    });
    expect(res.status).toBe(201);
    const activation = tokenIn(await lastMail(h, 'staff@shop.example'), '/panel/activate');
    expect((await h.call('POST', '/api/v1/activation', { body: { token: activation, password: STRONG_PASSWORD } })).status).toBe(200);
    const row = await h.db.selectFrom('users').select('email_verified_at').where('email', '=', 'staff@shop.example').executeTakeFirstOrThrow();
    expect(row.email_verified_at).not.toBeNull();
  });
});
