import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { AuditPage } from '../../../src-shared/api/activity.js';
import { InvitationAnswerResponse } from '../../../src-shared/api/invitations.js';
import { CONSENT_TEXTS, OutgoingInvitation, OutgoingInvitationList } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../../src-server/domain/context.js';
import { describeInvitationByToken } from '../../../src-server/domain/invitation-links.js';
import { hashToken } from '../../../src-server/domain/tokens.js';
import { expectProblem, type Harness } from './harness.js';
import { accountOf, DAY, grant, lastMail, outbox, ownedAccount, person, type Person, tokenIn } from './scenario.js';

const ACCEPT = '/panel/invitations/accept';

describe('invitations out: invite, list, resend, cancel, redeem', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Bistro Centrale'));
  });
  afterAll(() => h.close());

  /** The domain functions the panel calls need only the store and the clock to describe a link. */
  const ctx = () => ({ db: h.db, clock: h.now }) as unknown as ClientAreaContext;
  const invite = (body: unknown, token = owner.token, account = accountId) => h.call('POST', `/api/v1/accounts/${account}/invitations`, { token, body });

  it('invites by email: stored hashed, listed as pending for 7 days, and mailed with a link to the accept page', async () => {
    const res = await invite({ email: 'New.Person@Example.com', permissions: PERMISSION_PRESETS.accountant });
    expect(res.status).toBe(201);
    const inv = OutgoingInvitation.parse(res.body);
    expect(inv).toMatchObject({
      email: 'new.person@example.com',
      customerNumber: null,
      role: 'member',
      status: 'pending',
      kind: 'access',
      answeredAt: null,
      consent: null,
    });
    expect(inv.permissions).toEqual([...PERMISSION_PRESETS.accountant]);
    expect(Date.parse(inv.expiresAt) - Date.parse(inv.sentAt)).toBe(7 * DAY);

    const mail = await lastMail(h, 'new.person@example.com');
    expect(mail).toMatchObject({ kind: 'access', template: 'invitation', language: 'en', accountId });
    expect(mail.subject).toContain('Bistro Centrale');
    const token = tokenIn(mail, ACCEPT);
    expect(mail.text).toContain(`${h.server.url}${ACCEPT}?token=`);
    expect(mail.html).toContain(ACCEPT);
    // At least 128 random bits, and only the digest is stored.
    // The random part follows the first underscore and may itself contain underscores (base64url).
    expect(Buffer.from(token.slice(token.indexOf('_') + 1), 'base64url').length).toBeGreaterThanOrEqual(16);
    const row = await h.db.selectFrom('invitations').selectAll().where('id', '=', inv.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = OutgoingInvitationList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/invitations`, { token: owner.token })).body);
    expect(list.items.map((i) => i.id)).toContain(inv.id);
  });

  it('answers 409 conflict for someone who already has access or a pending invitation, and creates nothing', async () => {
    const member = await person(h, 'member');
    await grant(h, accountId, member, 'member', ['tickets']);
    const before = (await h.db.selectFrom('invitations').select('id').execute()).length;
    const hasAccess = await invite({ email: member.email, permissions: ['tickets'] });
    expectProblem(hasAccess, 409, 'conflict');
    expect(hasAccess.body.detail).toMatch(/already has access/);
    expectProblem(await invite({ customerNumber: member.customerNumber, consent: true, permissions: ['tickets'] }), 409, 'conflict');
    expectProblem(await invite({ email: owner.email, permissions: ['tickets'] }), 409, 'conflict');

    expect((await invite({ email: 'twice@example.com', permissions: ['tickets'] })).status).toBe(201);
    const again = await invite({ email: 'TWICE@example.com', permissions: ['billing.invoices'] });
    expectProblem(again, 409, 'conflict');
    expect(again.body.detail).toMatch(/pending invitation.*Resend/);
    expect((await h.db.selectFrom('invitations').select('id').execute()).length).toBe(before + 1);
  });

  it('invites by customer number with consent: records who, when and the exact text; the invitee sees it and must accept', async () => {
    const invitee = await person(h, 'numbered');
    const res = await invite({ customerNumber: invitee.customerNumber, consent: true, permissions: ['tickets', 'services.view'] });
    expect(res.status).toBe(201);
    const inv = OutgoingInvitation.parse(res.body);
    expect(inv.email).toBeNull();
    expect(inv.customerNumber).toBe(invitee.customerNumber);
    expect(inv.consent).toEqual({
      by: { name: 'Owner', email: owner.email },
      at: h.now().toISOString(),
      text: CONSENT_TEXTS.customerNumber.replace('{customerNumber}', invitee.customerNumber).replace('{account}', 'Bistro Centrale'),
    });
    expect((await lastMail(h, invitee.email)).template).toBe('invitation');
    expectProblem(await invite({ customerNumber: invitee.customerNumber, permissions: ['tickets'] }), 400, 'validation_failed');
    // An unknown number is answered like a real one, without a mail (customer-numbers.test.ts).
    const mailsBefore = (await outbox(h)).length;
    const unknown = await invite({ customerNumber: '99999999', consent: true, permissions: ['tickets'] });
    expect(unknown.status).toBe(201);
    expect((await outbox(h)).length).toBe(mailsBefore);

    const incoming = await h.call('GET', '/api/v1/invitations', { token: invitee.token });
    expect(incoming.body.items.find((i: { id: string }) => i.id === inv.id)).toMatchObject({ status: 'pending', account: { name: 'Bistro Centrale' } });
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: invitee.token })).status).toBe(404);
    const accepted = await h.call('POST', `/api/v1/invitations/${inv.id}/accept`, { token: invitee.token });
    expect(InvitationAnswerResponse.parse(accepted.body).account).toMatchObject({ id: accountId, role: 'member' });
  });

  it('an invitation to an email with a login is accepted by that login through the mailed link, once', async () => {
    const invitee = await person(h, 'haslogin');
    await invite({ email: invitee.email, permissions: PERMISSION_PRESETS.webDeveloper });
    const token = tokenIn(await lastMail(h, invitee.email), ACCEPT);
    const stranger = await person(h, 'stranger');
    const wrong = await h.call('POST', '/api/v1/invitations/redeem', { token: stranger.token, body: { token } });
    expectProblem(wrong, 403, 'invitation_email_mismatch');
    expect(wrong.body.detail).toContain(invitee.email);
    expectProblem(await h.call('POST', '/api/v1/invitations/redeem', { body: { token } }), 401, 'unauthenticated');

    // What the panel's accept page shows before anyone signs in.
    expect(await describeInvitationByToken(ctx(), token)).toMatchObject({
      status: 'pending',
      email: invitee.email,
      account: { id: accountId, name: 'Bistro Centrale' },
      invitedBy: { email: owner.email },
      loginExists: true,
    });
    expect(await describeInvitationByToken(ctx(), 'cdi_unknown')).toBeUndefined();
    const ok = await h.call('POST', '/api/v1/invitations/redeem', { token: invitee.token, body: { token } });
    expect(ok.status).toBe(200);
    expect(InvitationAnswerResponse.parse(ok.body)).toMatchObject({ invitation: { status: 'accepted' }, account: { id: accountId, role: 'member' } });
    expectProblem(await h.call('POST', '/api/v1/invitations/redeem', { token: invitee.token, body: { token } }), 409, 'invitation_not_pending');
    const rows = await h.db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', invitee.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('an invitee without a login signs up with the token and is in the account at once', async () => {
    await invite({ email: 'fresh@example.com', permissions: ['tickets'] });
    const token = tokenIn(await lastMail(h, 'fresh@example.com'), ACCEPT);
    expect(await describeInvitationByToken(ctx(), token)).toMatchObject({ status: 'pending', loginExists: false });
    expectProblem(
      await h.call('POST', '/api/v1/signup', { body: { email: 'other@example.com', name: 'Other', password: 'Sunny-Lake-42', invitationToken: token } }),
      403,
      'invitation_email_mismatch',
    );
    expectProblem(
      await h.call('POST', '/api/v1/signup', { body: { email: 'fresh@example.com', name: 'Fresh', password: 'password', invitationToken: token } }),
      400,
      'validation_failed',
    );
    const res = await h.call('POST', '/api/v1/signup', {
      body: { email: 'fresh@example.com', name: 'Fresh Face', password: 'Sunny-Lake-42', invitationToken: token },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { email: 'fresh@example.com', status: 'active' },
      invitation: { invitation: { status: 'accepted' }, account: { id: accountId } },
    });
    const me = await h.call('GET', `/api/v1/accounts/${accountId}`, { token: res.body.accessToken });
    expect(me.body).toMatchObject({ role: 'member', permissions: ['tickets'] });
    // A plain sign-up for the taken email answers like any sign-up; its owner is told by mail (sign-up-uniform.test.ts).
    expect((await h.call('POST', '/api/v1/signup', { body: { email: 'fresh@example.com', name: 'Again', password: 'Sunny-Lake-42' } })).status).toBe(202);
    expect((await lastMail(h, 'fresh@example.com')).template).toBe('sign_up_attempt');
    expectProblem(
      await h.call('POST', '/api/v1/signup', { body: { email: 'late@example.com', name: 'Late', password: 'Sunny-Lake-42', invitationToken: token } }),
      403,
      'invitation_email_mismatch',
    );
  });

  it('a plain sign-up must confirm its email before invitations to it can be answered', async () => {
    const other = await accountOf(h, owner, 'Second Shop');
    const { body: invitation } = await invite({ email: 'selfmade@example.com', permissions: ['tickets'] }, owner.token, other);
    const res = await h.call('POST', '/api/v1/signup', { body: { email: 'selfmade@example.com', name: 'Self Made', password: 'Sunny-Lake-42' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'confirmation_sent', email: 'selfmade@example.com' });
    const token = (await h.signIn('selfmade@example.com', 'Sunny-Lake-42')).accessToken;
    expect((await h.call('GET', '/api/v1/invitations', { token })).body.items).toEqual([]);
    expectProblem(await h.call('POST', `/api/v1/invitations/${invitation.id}/accept`, { token }), 403, 'email_not_verified');

    const verification = tokenIn(await lastMail(h, 'selfmade@example.com'), '/panel/verify-email');
    expect((await h.call('POST', '/api/v1/email-verification', { body: { token: verification } })).status).toBe(200);
    expectProblem(await h.call('POST', '/api/v1/email-verification', { body: { token: verification } }), 410, 'link_invalid');
    expect((await h.call('GET', '/api/v1/invitations', { token })).body.items.map((i: { id: string }) => i.id)).toEqual([invitation.id]);
    expect((await h.call('POST', `/api/v1/invitations/${invitation.id}/accept`, { token })).status).toBe(200);
  });

  it('expires 7 days after sending; resend makes a new token and window and the old link dies', async () => {
    const { body: inv } = await invite({ email: 'slow@example.com', permissions: ['tickets'] });
    const first = tokenIn(await lastMail(h, 'slow@example.com'), ACCEPT);
    h.advance(7 * DAY);
    owner.token = (await h.signIn(owner.email)).accessToken;
    const listed = OutgoingInvitationList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/invitations`, { token: owner.token })).body);
    expect(listed.items.find((i) => i.id === inv.id)?.status).toBe('expired');
    const slow = await h.call('POST', '/api/v1/signup', {
      body: { email: 'slow@example.com', name: 'Slow', password: 'Sunny-Lake-42', invitationToken: first },
    });
    expectProblem(slow, 409, 'invitation_expired');
    // An expired invitation is no longer "pending": inviting again is allowed, and so is resending.
    const resent = await h.call('POST', `/api/v1/accounts/${accountId}/invitations/${inv.id}/resend`, { token: owner.token });
    expect(resent.status).toBe(200);
    expect(OutgoingInvitation.parse(resent.body)).toMatchObject({
      status: 'pending',
      sentAt: h.now().toISOString(),
      expiresAt: new Date(h.now().getTime() + 7 * DAY).toISOString(),
    });
    const second = tokenIn(await lastMail(h, 'slow@example.com'), ACCEPT);
    expect(second).not.toBe(first);

    expect((await h.call('POST', '/api/v1/signup', { body: { email: 'slow@example.com', name: 'Slow', password: 'Sunny-Lake-42' } })).status).toBe(202);
    const token = (await h.signIn('slow@example.com', 'Sunny-Lake-42')).accessToken;
    expectProblem(await h.call('POST', '/api/v1/invitations/redeem', { token, body: { token: first } }), 410, 'link_invalid');
    expect((await h.call('POST', '/api/v1/invitations/redeem', { token, body: { token: second } })).status).toBe(200);
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/invitations/${inv.id}/resend`, { token: owner.token }), 409, 'invitation_not_pending');
  });

  it('cancels (idempotently): the link dies and the invitee can no longer accept', async () => {
    const invitee = await person(h, 'cancelled');
    const { body: inv } = await invite({ email: invitee.email, permissions: ['tickets'] });
    const token = tokenIn(await lastMail(h, invitee.email), ACCEPT);
    const cancel = await h.call('DELETE', `/api/v1/accounts/${accountId}/invitations/${inv.id}`, { token: owner.token });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect((await h.call('DELETE', `/api/v1/accounts/${accountId}/invitations/${inv.id}`, { token: owner.token })).body.status).toBe('cancelled');
    expectProblem(await h.call('POST', '/api/v1/invitations/redeem', { token: invitee.token, body: { token } }), 409, 'invitation_not_pending');
    expectProblem(await h.call('POST', `/api/v1/invitations/${inv.id}/accept`, { token: invitee.token }), 409, 'invitation_not_pending');
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/invitations/${inv.id}/resend`, { token: owner.token }), 409, 'invitation_not_pending');
    expectProblem(await h.call('DELETE', `/api/v1/accounts/${accountId}/invitations/inv_missing`, { token: owner.token }), 404, 'not_found');
  });

  it('only the owner or an admin with users.manage invites; an admin offers only what they hold', async () => {
    const admin = await person(h, 'admin');
    const weakAdmin = await person(h, 'weakadmin');
    const member = await person(h, 'plainmember');
    const outsider = await person(h, 'outsider');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets', 'services.view']);
    await grant(h, accountId, weakAdmin, 'admin', ['tickets']);
    await grant(h, accountId, member, 'member', ['tickets', 'users.manage']);
    expectProblem(await invite({ email: 'a1@example.com', permissions: ['tickets'] }, member.token), 403, 'forbidden');
    expectProblem(await invite({ email: 'a1@example.com', permissions: ['tickets'] }, weakAdmin.token), 403, 'forbidden');
    expectProblem(await invite({ email: 'a1@example.com', permissions: ['tickets'] }, outsider.token), 404, 'not_found');
    expectProblem(await invite({ email: 'a1@example.com', permissions: ['tickets'] }, ''), 401, 'unauthenticated');
    const tooMuch = await invite({ email: 'a1@example.com', permissions: ['tickets', 'billing.invoices'] }, admin.token);
    expectProblem(tooMuch, 403, 'forbidden');
    expect(tooMuch.body.detail).toContain('billing.invoices');
    expectProblem(
      await invite({ email: 'a1@example.com', role: 'admin', permissions: ['tickets'], scope: { services: ['svc_1'] } }, admin.token),
      400,
      'validation_failed',
    );
    expect((await invite({ email: 'a1@example.com', permissions: ['tickets'] }, admin.token)).status).toBe(201);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/invitations`, { token: member.token }), 403, 'forbidden');
  });

  it('re-checks the inviter at acceptance: an inviter who lost users.manage cannot let anyone in', async () => {
    const admin = await person(h, 'fading');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets']);
    const invitee = await person(h, 'late');
    const { body: inv } = await invite({ email: invitee.email, permissions: ['tickets'] }, admin.token);
    const patched = await h.call('PATCH', `/api/v1/accounts/${accountId}/users/${admin.id}`, { token: owner.token, body: { permissions: ['tickets'] } });
    expect(patched.status).toBe(200);
    const refused = await h.call('POST', `/api/v1/invitations/${inv.id}/accept`, { token: invitee.token });
    expectProblem(refused, 409, 'inviter_not_authorized');
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: invitee.token })).status).toBe(404);
    // The owner sends it again and vouches for it: now it can be accepted.
    expect((await h.call('POST', `/api/v1/accounts/${accountId}/invitations/${inv.id}/resend`, { token: owner.token })).status).toBe(200);
    expect((await h.call('POST', `/api/v1/invitations/${inv.id}/accept`, { token: invitee.token })).status).toBe(200);
  });

  it('audits every step and pages outgoing invitations by cursor and updatedSince', async () => {
    const audit = AuditPage.parse((await h.call('GET', `/api/v1/accounts/${accountId}/audit?limit=1000`, { token: owner.token })).body);
    const actions = new Set(audit.items.map((e) => e.action));
    for (const a of ['invitation.created', 'invitation.resent', 'invitation.cancelled', 'invitation.accepted'] as const) expect(actions).toContain(a);

    const all = OutgoingInvitationList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/invitations?limit=1000`, { token: owner.token })).body).items;
    const seen: string[] = [];
    let cursor: string | null | undefined = null;
    do {
      const page = OutgoingInvitationList.parse(
        (await h.call('GET', `/api/v1/accounts/${accountId}/invitations?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.token })).body,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));

    h.advance(1000);
    const since = h.now().toISOString();
    await invite({ email: 'latest@example.com', permissions: ['tickets'] });
    const changed = await h.call('GET', `/api/v1/accounts/${accountId}/invitations?updatedSince=${encodeURIComponent(since)}`, { token: owner.token });
    expect(changed.body.items.map((i: { email: string }) => i.email)).toEqual(['latest@example.com']);
    expect(await outbox(h, 'latest@example.com')).toHaveLength(1);
  });
});
