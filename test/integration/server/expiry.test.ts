/**
 * Expiring access (docs/ARCHITECTURE.md §5): a grant with an end is gone at that very instant
 * (reads, SSO links, panel sessions), the person and the owner are reminded once three days
 * before, the owner extends it, and an invitation's end carries to the membership on accept.
 * Runs on SQLite and, with CLIENTDECK_TEST_DB=postgres, on PostgreSQL like the rest of the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../../../src-shared/api/accounts.js';
import { SsoLink } from '../../../src-shared/api/sso.js';
import { AccountUser, OutgoingInvitation } from '../../../src-shared/api/team.js';
import { sweepAccessExpiry } from '../../../src-server/domain/access-expiry-sweep.js';
import { describePanelSession } from '../../../src-server/domain/sso.js';
import { Mailer } from '../../../src-server/mail/mailer.js';
import { expectProblem, type Harness } from './harness.js';
import { DAY, grant, outbox, ownedAccount, person, type Person } from './scenario.js';

const at = (h: Harness, ms: number) => new Date(h.now().getTime() + ms).toISOString();

/** Moves the clock and signs the people in again: access tokens live minutes, the ends tested here days. */
async function advance(h: Harness, ms: number, ...people: Person[]): Promise<void> {
  h.advance(ms);
  for (const p of people) p.token = (await h.signIn(p.email)).accessToken;
}

describe('expiring access', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;
  let sweep: () => Promise<{ retired: number; reminded: number }>;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Hotel Aurora'));
    const mailer = new Mailer({ db: h.db, clock: () => h.now() });
    sweep = () => sweepAccessExpiry({ db: h.db, clock: () => h.now(), mailer });
  });
  afterAll(() => h?.close());

  const setEnd = (who: Person, expiresAt: string | null, token = owner.token) =>
    h.call('PATCH', `/api/v1/accounts/${accountId}/users/${who.id}`, { token, body: { expiresAt } });
  const audit = async () =>
    (await h.call('GET', `/api/v1/accounts/${accountId}/audit?limit=100`, { token: owner.token })).body.items as { action: string; subject: string | null }[];

  it('ends the access at its instant: a millisecond before it still works, a millisecond after it is gone everywhere', async () => {
    const contractor = await person(h, 'contractor');
    await grant(h, accountId, contractor, 'member', ['tickets']);
    const end = at(h, 10 * DAY);
    const set = await setEnd(contractor, end);
    expect(set.status).toBe(200);
    expect(AccountUser.parse(set.body).expiresAt).toBe(end);
    const own = Account.parse((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: contractor.token })).body);
    expect(own.accessExpiresAt).toBe(end);
    const listed = (await h.call('GET', '/api/v1/accounts', { token: contractor.token })).body.items as Account[];
    expect(listed.find((a) => a.id === accountId)?.accessExpiresAt).toBe(end);

    const opened = SsoLink.parse((await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: contractor.token })).body);
    const landing = await fetch(opened.url, { redirect: 'manual' });
    expect(landing.status).toBe(303);
    const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0]!;

    await advance(h, 10 * DAY - 1, owner, contractor);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: contractor.token })).status).toBe(200);
    const unused = SsoLink.parse((await h.call('POST', `/api/v1/accounts/${accountId}/sso`, { token: contractor.token })).body);

    h.advance(2);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}`, { token: contractor.token }), 404, 'not_found');
    const after = (await h.call('GET', '/api/v1/accounts', { token: contractor.token })).body.items as Account[];
    expect(after.map((a) => a.id)).not.toContain(accountId);
    expect(await describePanelSession(h.db, h.now(), cookie.split('=')[1]!)).toBeUndefined();
    const page = await fetch(`${h.server.url}/panel/accounts/${accountId}`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).not.toBe(200);
    const late = await fetch(unused.url, { redirect: 'manual' });
    expect(late.status).not.toBe(303);
    const users = (await h.call('GET', `/api/v1/accounts/${accountId}/users`, { token: owner.token })).body.items as AccountUser[];
    expect(users.map((u) => u.userId)).not.toContain(contractor.id);
    const expired = (await audit()).filter((e) => e.action === 'access.expired');
    expect(expired.map((e) => e.subject)).toEqual([contractor.email]);
  });

  it('mails the person and the owner once, three days before the end, and records it', async () => {
    const temp = await person(h, 'temp');
    await grant(h, accountId, temp, 'member', ['tickets']);
    const since = h.now().toISOString();
    expect((await setEnd(temp, at(h, 5 * DAY))).status).toBe(200);
    await sweep();
    expect((await outbox(h)).filter((m) => m.createdAt >= since && m.template.startsWith('access_expiring'))).toEqual([]);

    await advance(h, 2 * DAY, owner);
    expect((await sweep()).reminded).toBe(1);
    expect((await sweep()).reminded).toBe(0);
    const mails = (await outbox(h)).filter((m) => m.createdAt >= since && m.template.startsWith('access_expiring'));
    expect(mails.map((m) => [m.template, m.to]).sort()).toEqual([
      ['access_expiring', temp.email],
      ['access_expiring_owner', owner.email],
    ]);
    expect(mails.find((m) => m.to === owner.email)?.text).toContain(temp.email);
    expect((await audit()).filter((e) => e.action === 'access.expiry_reminded' && e.subject === temp.email)).toHaveLength(1);
  });

  it('lets the owner extend (a fresh reminder follows the new end), lift, and refuses an end in the past', async () => {
    const helper = await person(h, 'helper');
    await grant(h, accountId, helper, 'member', ['tickets']);
    expect((await setEnd(helper, at(h, 2 * DAY))).status).toBe(200);
    expect((await sweep()).reminded).toBe(1);

    const later = at(h, 20 * DAY);
    const extended = await setEnd(helper, later);
    expect(AccountUser.parse(extended.body).expiresAt).toBe(later);
    await advance(h, 3 * DAY, owner, helper);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: helper.token })).status).toBe(200);
    expect((await sweep()).reminded).toBe(0);
    await advance(h, 15 * DAY, owner);
    expect((await sweep()).reminded).toBe(1);
    const events = (await audit()).filter((e) => e.subject === helper.email).map((e) => e.action);
    expect(events.filter((a) => a === 'access.extended')).toHaveLength(2);
    expect(events.filter((a) => a === 'membership.updated')).toHaveLength(0);

    const lifted = await setEnd(helper, null);
    expect(AccountUser.parse(lifted.body).expiresAt).toBeNull();
    await advance(h, 10 * DAY, owner, helper);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: helper.token })).status).toBe(200);

    const past = await setEnd(helper, at(h, -1));
    expectProblem(past, 400, 'validation_failed');
    expect(past.body.detail).toMatch(/future/);
    expectProblem(await setEnd(owner, at(h, DAY)), 409, 'conflict');
  });

  it("carries an invitation's end to the membership on accept, lets the owner move it while pending, and refuses it once passed", async () => {
    const guest = await person(h, 'guest');
    const end = at(h, 30 * DAY);
    const made = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
      token: owner.token,
      body: { email: guest.email, permissions: ['tickets'], expiresAt: end },
    });
    expect(made.status).toBe(201);
    const inv = OutgoingInvitation.parse(made.body);
    expect(inv.accessExpiresAt).toBe(end);
    const incoming = (await h.call('GET', '/api/v1/invitations', { token: guest.token })).body.items as { id: string; accessExpiresAt: string }[];
    expect(incoming.find((i) => i.id === inv.id)?.accessExpiresAt).toBe(end);

    const moved = at(h, 40 * DAY);
    const patched = await h.call('PATCH', `/api/v1/accounts/${accountId}/invitations/${inv.id}`, { token: owner.token, body: { accessExpiresAt: moved } });
    expect(OutgoingInvitation.parse(patched.body).accessExpiresAt).toBe(moved);

    const accepted = await h.call('POST', `/api/v1/invitations/${inv.id}/accept`, { token: guest.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.account.accessExpiresAt).toBe(moved);
    const users = (await h.call('GET', `/api/v1/accounts/${accountId}/users`, { token: owner.token })).body.items as AccountUser[];
    expect(users.find((u) => u.userId === guest.id)?.expiresAt).toBe(moved);
    expectProblem(
      await h.call('PATCH', `/api/v1/accounts/${accountId}/invitations/${inv.id}`, { token: owner.token, body: { accessExpiresAt: at(h, 50 * DAY) } }),
      409,
      'invitation_not_pending',
    );

    const late = await person(h, 'late');
    const short = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
      token: owner.token,
      body: { email: late.email, permissions: ['tickets'], expiresAt: at(h, DAY) },
    });
    await advance(h, DAY + 1, owner, late);
    const refused = await h.call('POST', `/api/v1/invitations/${short.body.id}/accept`, { token: late.token });
    expectProblem(refused, 409, 'invitation_expired');
    expect(refused.body.detail).toMatch(/access this invitation offered ended/);
    expectProblem(
      await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
        token: owner.token,
        body: { email: 'someone@example.com', permissions: ['tickets'], expiresAt: at(h, -DAY) },
      }),
      400,
      'validation_failed',
    );
  });

  it('an admin extends only what they could grant; a member cannot', async () => {
    const admin = await person(h, 'admin');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets']);
    const member = await person(h, 'member');
    await grant(h, accountId, member, 'member', ['tickets']);
    const broad = await person(h, 'broad');
    await grant(h, accountId, broad, 'member', ['tickets', 'services.manage']);
    expect((await setEnd(member, at(h, 9 * DAY), admin.token)).status).toBe(200);
    expectProblem(await setEnd(broad, at(h, 9 * DAY), admin.token), 403, 'forbidden');
    expectProblem(await setEnd(admin, at(h, 9 * DAY), member.token), 403, 'forbidden');
  });
});
