/**
 * The panel pages that mailed links and the desktop app open: the invitation accept page (sign in
 * or sign up, then accept or decline), activation, password reset and email confirmation, tickets
 * (an authorized user's ticket is marked), the read-only view-as session, and the development mail
 * viewer. Links are taken from the outbox, as the invitee would click them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, linkIn } from './fixtures/browser.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';

const NEW_PASSWORD = 'Fresh-Start-42!';

describe('panel flows', () => {
  let h: Harness;
  let ownerToken: string;
  let accountId: string;

  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('owner@example.com', 'Olivia <Owner>');
    await h.createLogin('existing@example.com', 'Eddie Existing');
    await h.createLogin('someone@example.com', 'Someone Else');
    accountId = (await h.admin('/accounts', { name: 'Trattoria "Da Enzo" & Co', ownerEmail: 'owner@example.com' })).id;
    ownerToken = (await h.signIn('owner@example.com')).accessToken;
  });
  afterAll(() => h?.close());

  /** The newest mail to an address, through the provider's outbox API. */
  const mailTo = async (to: string) => {
    const res = await h.call('GET', `/api/v1/admin/outbox?to=${encodeURIComponent(to)}`, { token: h.server.adminKey });
    expect(res.status).toBe(200);
    const mail = res.body.items[0];
    if (!mail) throw new Error(`no mail to ${to}`);
    return mail as { id: string; text: string; subject: string };
  };
  const invite = async (email: string, permissions = ['tickets', 'services.view']) => {
    const res = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, { token: ownerToken, body: { email, permissions } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, link: linkIn((await mailTo(email)).text, '/panel/invitations/accept') };
  };
  const membership = (email: string) =>
    h.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['memberships.role', 'memberships.permissions'])
      .where('users.email', '=', email)
      .where('memberships.account_id', '=', accountId)
      .execute();

  it('without a login: shows what is offered, then sign-up creates the login and accepts at once', async () => {
    const { link } = await invite('newbie@example.com');
    const b = new Browser(h.server.url);
    const page = await b.get(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Invitation to Trattoria &quot;Da Enzo&quot; &amp; Co');
    expect(page.html).toContain('Olivia &lt;Owner&gt; (owner@example.com) invites newbie@example.com');
    expect(page.html).toContain('Open and read support tickets');
    expect(page.html).toContain('See products and services');
    expect(page.html).toContain('Create your login to accept');
    expect(page.html).not.toMatch(/<script/i);

    const weak = await b.post('/panel/invitations/accept/sign-up', { token: tokenOf(link), name: 'Nina Newbie', password: 'password', confirm: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.html).toMatch(/The password needs/);
    expect(await membership('newbie@example.com')).toHaveLength(0);

    const mismatch = await b.post('/panel/invitations/accept/sign-up', {
      token: tokenOf(link),
      name: 'Nina Newbie',
      password: STRONG_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(mismatch.status).toBe(400);

    const done = await b.post('/panel/invitations/accept/sign-up', {
      token: tokenOf(link),
      name: 'Nina Newbie',
      password: STRONG_PASSWORD,
      confirm: STRONG_PASSWORD,
    });
    expect(done.status, done.html).toBe(303);
    expect(done.location).toBe(`/panel/accounts/${accountId}`);
    expect(await membership('newbie@example.com')).toHaveLength(1);
    const landing = await b.get(done.location!);
    expect(landing.html).toContain('Signed in as Nina Newbie (newbie@example.com) — member');
    // The link is used up: it only says so now.
    const again = await new Browser(h.server.url).get(link);
    expect(again.html).toContain('already been accepted');
  });

  it('with a login: sign in from the page, come back to it, accept with Accept', async () => {
    const { link } = await invite('existing@example.com');
    const b = new Browser(h.server.url);
    const page = await b.get(link);
    expect(page.html).toContain('Sign in to answer');
    expect(page.html).not.toContain('Create your login');
    const signIn = await b.post('/panel/sign-in', { email: 'existing@example.com', password: STRONG_PASSWORD, next: link });
    expect(signIn.status).toBe(303);
    expect(signIn.location).toBe(link);
    const answer = await b.get(link);
    expect(answer.html).toContain('You are signed in as Eddie Existing (existing@example.com)');
    expect(answer.html).toContain('value="accept"');
    expect(answer.html).toContain('value="decline"');
    const accepted = await b.post('/panel/invitations/accept/answer', { token: tokenOf(link), answer: 'accept' });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/panel/accounts/${accountId}`);
    expect(await membership('existing@example.com')).toHaveLength(1);
  });

  it('signed in as another login: no buttons, and a forged answer is refused', async () => {
    const { link } = await invite('target@example.com');
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    await b.post('/panel/sign-in', { email: 'someone@example.com', password: STRONG_PASSWORD, next: link });
    const page = await b.get(link);
    expect(page.html).toContain('This invitation is for target@example.com, but you are signed in as someone@example.com');
    expect(page.html).not.toContain('value="accept"');
    const forged = await b.post('/panel/invitations/accept/answer', { token: tokenOf(link), answer: 'accept', csrf: b.csrf() });
    expect(forged.status).toBe(403);
    expect(await membership('someone@example.com')).toHaveLength(0);
  });

  it('Decline declines; resent and cancelled invitations leave dead links', async () => {
    await h.createLogin('decliner@example.com', 'Dee Cliner');
    const { link, id } = await invite('decliner@example.com');
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    await b.post('/panel/sign-in', { email: 'decliner@example.com', password: STRONG_PASSWORD, next: link });
    await b.get(link);
    const declined = await b.post('/panel/invitations/accept/answer', { token: tokenOf(link), answer: 'decline' });
    expect(declined.status).toBe(200);
    expect(declined.html).toContain('You declined the invitation to Trattoria');
    const status = await h.db.selectFrom('invitations').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(status.status).toBe('declined');

    const resent = await invite('resent@example.com');
    expect((await h.call('POST', `/api/v1/accounts/${accountId}/invitations/${resent.id}/resend`, { token: ownerToken })).status).toBe(200);
    const old = await new Browser(h.server.url).get(resent.link);
    expect(old.status).toBe(410);
    expect(old.html).toContain('This invitation link is not valid');
    const fresh = linkIn((await mailTo('resent@example.com')).text, '/panel/invitations/accept');
    expect(fresh).not.toBe(resent.link);
    expect((await new Browser(h.server.url).get(fresh)).status).toBe(200);

    const cancelled = await invite('cancelled@example.com');
    expect((await h.call('DELETE', `/api/v1/accounts/${accountId}/invitations/${cancelled.id}`, { token: ownerToken })).status).toBe(200);
    const dead = await new Browser(h.server.url).get(cancelled.link);
    expect(dead.status).toBe(410);
    expect(dead.html).toContain('cancelled');
    expect((await new Browser(h.server.url).get('/panel/invitations/accept?token=cdi_made_up_token_123456')).status).toBe(410);
  });

  it('activation: the mailed link sets a password under the policy, once, and signs in', async () => {
    const created = await h.call('POST', `/api/v1/accounts/${accountId}/managed-users`, {
      token: ownerToken,
      body: { users: [{ name: 'Marco Managed', email: 'marco@example.com', permissions: ['tickets'] }], sendActivation: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const link = linkIn((await mailTo('marco@example.com')).text, '/panel/activate');
    const b = new Browser(h.server.url);
    const form = await b.get(link);
    expect(form.status).toBe(200);
    expect(form.html).toContain('For Marco Managed (marco@example.com)');
    expect(form.html).toContain('The password needs at least 8 characters');
    expect((await b.post('/panel/activate', { token: tokenOf(link), password: 'short', confirm: 'short' })).status).toBe(400);
    expect((await b.post('/panel/activate', { token: tokenOf(link), password: NEW_PASSWORD, confirm: STRONG_PASSWORD })).status).toBe(400);
    const done = await b.post('/panel/activate', { token: tokenOf(link), password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status, done.html).toBe(303);
    const landing = await b.get('/panel', { follow: true });
    expect(landing.html).toContain('Signed in as Marco Managed (marco@example.com) — member');
    expect((await new Browser(h.server.url).get(link)).status).toBe(410);
    expect((await h.call('POST', '/api/v1/session', { body: { email: 'marco@example.com', password: NEW_PASSWORD } })).status).toBe(200);
  });

  it('tickets: the list and form; a ticket by an authorized user says so', async () => {
    const marco = new Browser(h.server.url);
    await marco.get('/panel/sign-in');
    await marco.post('/panel/sign-in', { email: 'marco@example.com', password: NEW_PASSWORD });
    const list = await marco.get(`/panel/accounts/${accountId}/tickets`);
    expect(list.status).toBe(200);
    const opened = await marco.post(`/panel/accounts/${accountId}/tickets`, { subject: 'Mail <b>bounces</b>', body: 'Since Monday.' });
    expect(opened.status, opened.html).toBe(303);
    const ticket = await marco.get(opened.location!);
    expect(ticket.html).toContain('Mail &lt;b&gt;bounces&lt;/b&gt;');
    expect(ticket.html).toContain('Opened by Marco Managed (authorized user)');

    const owner = new Browser(h.server.url);
    await owner.get('/panel/sign-in');
    await owner.post('/panel/sign-in', { email: 'owner@example.com', password: STRONG_PASSWORD });
    await owner.get(`/panel/accounts/${accountId}/tickets`);
    const own = await owner.post(`/panel/accounts/${accountId}/tickets`, { subject: 'Renew the certificate', body: 'Please.' });
    expect(own.status).toBe(303);
    const all = await owner.get(`/panel/accounts/${accountId}/tickets`);
    expect(all.html).toContain('Opened by Marco Managed (authorized user)');
    expect(all.html).toContain('Opened by Olivia &lt;Owner&gt; (owner)');
    const dashboard = await owner.get(`/panel/accounts/${accountId}`);
    expect(dashboard.html).toContain('Marco Managed (authorized user)');

    const empty = await owner.post(`/panel/accounts/${accountId}/tickets`, { subject: '', body: '' });
    expect(empty.status).toBe(400);
    const forged = await owner.post(`/panel/accounts/${accountId}/tickets`, { subject: 'x', body: 'y' }, { csrf: 'forged-token-forged-token-forged-token-00' });
    expect(forged.status).toBe(403);
  });

  it('view-as: a read-only session with a banner, on that account only; every write is refused', async () => {
    const marco = await h.db.selectFrom('users').select('id').where('email', '=', 'marco@example.com').executeTakeFirstOrThrow();
    const other = (await h.admin('/accounts', { name: 'Other Of Marco', ownerEmail: 'someone@example.com' })).id;
    await h.db
      .insertInto('memberships')
      .values({
        id: 'mem_viewas_other',
        account_id: other,
        user_id: marco.id,
        role: 'member',
        permissions: '["tickets"]',
        scope: null,
        created_at: h.now().toISOString(),
        updated_at: h.now().toISOString(),
      })
      .execute();
    const res = await h.call('POST', `/api/v1/accounts/${accountId}/managed-users/${marco.id}/view-as`, { token: ownerToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = new Browser(h.server.url);
    const landing = await b.get(new URL(res.body.url).pathname);
    expect(landing.status).toBe(303);
    const page = await b.get(landing.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Viewing as Marco Managed — read-only');
    expect(page.html).toContain('Opened by Olivia &lt;Owner&gt; (owner@example.com)');
    expect(page.html).toContain('Viewing as Marco Managed (marco@example.com) — member');
    expect(page.html).not.toContain('Other Of Marco');
    expect((await b.get(`/panel/accounts/${other}`)).status).toBe(404);

    const tickets = await b.get(`/panel/accounts/${accountId}/tickets`);
    const csrf = b.csrf();
    expect(tickets.html).toContain('read-only view');
    expect(tickets.html).not.toContain('Open ticket</button>');
    const before = await h.db.selectFrom('tickets').select('id').execute();
    const write = await b.post(`/panel/accounts/${accountId}/tickets`, { subject: 'Sneaky', body: 'As Marco' }, { csrf });
    expect(write.status).toBe(403);
    expect(write.html).toContain('Read-only view');
    expect(await h.db.selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
    const signUp = await b.post('/panel/invitations/accept/answer', { token: 'x'.repeat(20), answer: 'accept' }, { csrf });
    expect(signUp.status).toBe(403);
    const end = await b.post('/panel/sign-out', {}, { csrf });
    expect(end.status).toBe(303);
    expect((await b.get(`/panel/accounts/${accountId}`)).status).toBe(401);
    const audit = await h.db
      .selectFrom('audit_events')
      .select('action')
      .where('account_id', '=', accountId)
      .where('action', '=', 'impersonation.started')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('password reset and email confirmation pages complete their links', async () => {
    const marco = await h.db.selectFrom('users').select('id').where('email', '=', 'marco@example.com').executeTakeFirstOrThrow();
    expect((await h.call('POST', `/api/v1/accounts/${accountId}/managed-users/${marco.id}/password-reset`, { token: ownerToken })).status).toBe(200);
    const link = linkIn((await mailTo('marco@example.com')).text, '/panel/reset-password');
    const b = new Browser(h.server.url);
    expect((await b.get(link)).html).toContain('Choose a new password');
    const done = await b.post('/panel/reset-password', { token: tokenOf(link), password: 'Another-Pass-9?', confirm: 'Another-Pass-9?' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Password changed');
    expect((await h.call('POST', '/api/v1/session', { body: { email: 'marco@example.com', password: 'Another-Pass-9?' } })).status).toBe(200);

    const signup = await h.call('POST', '/api/v1/signup', { body: { email: 'solo-signup@example.com', name: 'Solo', password: STRONG_PASSWORD } });
    expect(signup.status).toBe(202);
    const verify = linkIn((await mailTo('solo-signup@example.com')).text, '/panel/verify-email');
    const c = new Browser(h.server.url);
    const confirm = await c.get(verify);
    expect(confirm.html).toContain('Confirm that solo-signup@example.com is your address');
    const user = () => h.db.selectFrom('users').select('email_verified_at').where('email', '=', 'solo-signup@example.com').executeTakeFirstOrThrow();
    expect((await user()).email_verified_at).toBeNull();
    const confirmed = await c.post('/panel/verify-email', { token: tokenOf(verify) });
    expect(confirmed.html).toContain('is confirmed');
    expect((await user()).email_verified_at).not.toBeNull();
  });

  it('the development mail viewer: off unless in development or demo mode, on for the admin key; HTML mails in a sandbox', async () => {
    expect((await fetch(`${h.server.url}/panel/dev/mail`)).status).toBe(404);
    const auth = { authorization: `Bearer ${h.server.adminKey}` };
    const list = await fetch(`${h.server.url}/panel/dev/mail`, { headers: auth });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('marco@example.com');
    const id = /href="\/panel\/dev\/mail\/([^"/]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const one = await fetch(`${h.server.url}/panel/dev/mail/${id}`, { headers: auth });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('<pre>');
    const raw = await fetch(`${h.server.url}/panel/dev/mail/${id}/html`, { headers: auth });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox;/);
    expect((await fetch(`${h.server.url}/panel/dev/mail/${id}`)).status).toBe(404);
  });
});

function tokenOf(link: string): string {
  return new URL(link, 'http://x').searchParams.get('token') ?? '';
}
