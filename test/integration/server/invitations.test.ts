import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { IncomingInvitationPage, InvitationAnswerResponse } from '../../../src-shared/api/invitations.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { expectProblem, type Harness, startHarness } from './harness.js';

const DAY = 86_400_000;

describe('incoming invitations', () => {
  let h: Harness;
  let ownerId: string;
  let inviteeId: string;
  let inviteeNumber: string;
  let token: string;

  const newAccount = async (name: string) => (await h.admin('/accounts', { name, ownerEmail: 'owner@example.com' })).id as string;
  const invite = async (accountId: string, to: { email?: string; customerNumber?: string } = { email: 'invitee@example.com' }) =>
    (await createInvitation(h.db, h.now(), { accountId, invitedBy: ownerId, permissions: PERMISSION_PRESETS.webDeveloper, ...to })).invitation.id;
  const memberships = async (accountId: string) =>
    h.db.selectFrom('memberships').selectAll().where('account_id', '=', accountId).where('user_id', '=', inviteeId).execute();

  beforeAll(async () => {
    h = await startHarness();
    ownerId = (await h.createLogin('owner@example.com', 'Olivia Owner')).id;
    const invitee = await h.createLogin('invitee@example.com', 'Ivan Invitee');
    inviteeId = invitee.id;
    inviteeNumber = invitee.customerNumber;
    token = (await h.signIn('invitee@example.com')).accessToken;
  });
  afterAll(() => h.close());

  it('lists invitations addressed to the caller by email or customer number, pending first', async () => {
    const answered = await invite(await newAccount('Answered Already'));
    expect((await h.call('POST', `/api/v1/invitations/${answered}/decline`, { token })).status).toBe(200);
    h.advance(1000);
    const byEmail = await invite(await newAccount('Bistro Uno'));
    const byNumber = await invite(await newAccount('Bistro Due'), { customerNumber: inviteeNumber });
    await invite(await newAccount('Someone Else'), { email: 'other@example.com' });

    const res = await h.call('GET', '/api/v1/invitations', { token });
    expect(res.status).toBe(200);
    const page = IncomingInvitationPage.parse(res.body);
    const ids = page.items.map((i) => i.id);
    expect(ids).toContain(byEmail);
    expect(ids).toContain(byNumber);
    expect(page.items.some((i) => i.account.name === 'Someone Else')).toBe(false);
    expect(page.items.at(-1)).toMatchObject({ id: answered, status: 'declined' });
    const uno = page.items.find((i) => i.id === byEmail);
    expect(uno).toMatchObject({
      account: { name: 'Bistro Uno' },
      invitedBy: { name: 'Olivia Owner', email: 'owner@example.com' },
      role: 'member',
      status: 'pending',
      permissions: [...PERMISSION_PRESETS.webDeveloper],
    });
    expect(Date.parse(uno!.expiresAt) - Date.parse(uno!.createdAt)).toBe(7 * DAY);
  });

  it('accepts: exactly one membership, the account in the answer, and the same answer again', async () => {
    const accountId = await newAccount('Nordic Outdoor GmbH');
    const id = await invite(accountId);
    const first = await h.call('POST', `/api/v1/invitations/${id}/accept`, { token });
    expect(first.status).toBe(200);
    const answer = InvitationAnswerResponse.parse(first.body);
    expect(answer.invitation.status).toBe('accepted');
    expect(answer.account).toMatchObject({ id: accountId, name: 'Nordic Outdoor GmbH', role: 'member' });
    expect(await memberships(accountId)).toHaveLength(1);

    const again = await h.call('POST', `/api/v1/invitations/${id}/accept`, { token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await memberships(accountId)).toHaveLength(1);
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token })).status).toBe(200);

    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/decline`, { token }), 409, 'invitation_not_pending');
  });

  it('two concurrent accepts create one membership and both succeed', async () => {
    const accountId = await newAccount('Café Lumière');
    const id = await invite(accountId);
    const results = await Promise.all([
      h.call('POST', `/api/v1/invitations/${id}/accept`, { token }),
      h.call('POST', `/api/v1/invitations/${id}/accept`, { token }),
      h.call('POST', `/api/v1/invitations/${id}/accept`, { token }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await memberships(accountId)).toHaveLength(1);
    const events = await h.db
      .selectFrom('audit_events')
      .select('action')
      .where('account_id', '=', accountId)
      .where('action', '=', 'invitation.accepted')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('declines idempotently without granting access', async () => {
    const accountId = await newAccount('Trattoria Da Enzo');
    const id = await invite(accountId);
    const first = await h.call('POST', `/api/v1/invitations/${id}/decline`, { token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ invitation: { status: 'declined' }, account: null });
    expect((await h.call('POST', `/api/v1/invitations/${id}/decline`, { token })).body).toEqual(first.body);
    expect(await memberships(accountId)).toHaveLength(0);
    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/accept`, { token }), 409, 'invitation_not_pending');
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}`, { token }), 404, 'not_found');
  });

  it('an invitation for someone else is not found, and unknown ones are 404', async () => {
    const id = await invite(await newAccount('Private Co'), { email: 'other@example.com' });
    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/accept`, { token }), 404, 'not_found');
    expectProblem(await h.call('POST', '/api/v1/invitations/inv_nope/accept', { token }), 404, 'not_found');
    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/accept`), 401, 'unauthenticated');
  });

  it('after 8 days an invitation reports expired and accepting it is 409 invitation_expired', async () => {
    const accountId = await newAccount('Hotel Miramare');
    const id = await invite(accountId);
    h.advance(6 * DAY);
    let fresh = (await h.signIn('invitee@example.com')).accessToken;
    let listed = await h.call('GET', '/api/v1/invitations', { token: fresh });
    expect(listed.body.items.find((i: { id: string }) => i.id === id).status).toBe('pending');

    h.advance(2 * DAY);
    fresh = (await h.signIn('invitee@example.com')).accessToken;
    listed = await h.call('GET', '/api/v1/invitations', { token: fresh });
    expect(listed.body.items.find((i: { id: string }) => i.id === id).status).toBe('expired');
    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/accept`, { token: fresh }), 409, 'invitation_expired');
    expectProblem(await h.call('POST', `/api/v1/invitations/${id}/decline`, { token: fresh }), 409, 'invitation_expired');
    expect(await memberships(accountId)).toHaveLength(0);
    token = fresh;
  });

  it('pages through invitations with a cursor', async () => {
    const all = (await h.call('GET', '/api/v1/invitations?limit=1000', { token })).body.items.map((i: { id: string }) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.call('GET', `/api/v1/invitations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
      const page = IncomingInvitationPage.parse(res.body);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(2);
    expect(seen).toEqual(all);
  });
});
