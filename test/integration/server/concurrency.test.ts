/**
 * Races that real clients produce (a double click, the offline queue replaying while the user
 * clicks again, a link opened twice): on SQLite and on PostgreSQL, where transactions really run
 * side by side, each one must end with exactly one effect and no server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';

describe.each(STORES)('concurrency on %s', (store) => {
  let s: StoreServer;
  let owner: { id: string; accessToken: string };
  let invitee: { id: string; accessToken: string };
  let n = 0;

  beforeAll(async () => {
    s = await startOn(store, 'concurrency');
    owner = await s.login('owner@example.com', 'Olivia Owner');
    invitee = await s.login('invitee@example.com', 'Ivan Invitee');
  });
  afterAll(() => s?.close());

  const newInvitation = async () => {
    const account = await s.admin('/accounts', { name: `Race ${++n}`, ownerEmail: 'owner@example.com' });
    const { invitation, token } = await createInvitation(s.db, s.now(), {
      accountId: account.id,
      invitedBy: owner.id,
      email: 'invitee@example.com',
      permissions: PERMISSION_PRESETS.webDeveloper,
    });
    return { accountId: account.id as string, invitationId: invitation.id, token };
  };
  const membershipsOf = (accountId: string) =>
    s.db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', invitee.id).execute();
  const acceptedEvents = (accountId: string) =>
    s.db.selectFrom('audit_events').select('id').where('account_id', '=', accountId).where('action', '=', 'invitation.accepted').execute();

  it.each([2, 10])('%i concurrent accepts of one invitation: exactly one membership, every answer 200 "accepted"', async (parallel) => {
    const { accountId, invitationId } = await newInvitation();
    const answers = await Promise.all(
      Array.from({ length: parallel }, () => s.call('POST', `/api/v1/invitations/${invitationId}/accept`, { token: invitee.accessToken })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(parallel).fill(200));
    for (const a of answers) expect(a.body.invitation.status).toBe('accepted');
    expect(await membershipsOf(accountId)).toHaveLength(1);
    expect(await acceptedEvents(accountId)).toHaveLength(1);
  });

  it.each([2, 10])('%i concurrent redeems of one mailed token: exactly one membership, never a 5xx', async (parallel) => {
    const { accountId, token } = await newInvitation();
    const answers = await Promise.all(
      Array.from({ length: parallel }, () => s.call('POST', '/api/v1/invitations/redeem', { token: invitee.accessToken, body: { token } })),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.some((a) => a.status === 200)).toBe(true);
    expect(await membershipsOf(accountId)).toHaveLength(1);
    expect(await acceptedEvents(accountId)).toHaveLength(1);
  });

  it('an accept racing a decline: one of them wins and the state matches it', async () => {
    for (let round = 0; round < 5; round++) {
      const { accountId, invitationId } = await newInvitation();
      const [accept, decline] = await Promise.all([
        s.call('POST', `/api/v1/invitations/${invitationId}/accept`, { token: invitee.accessToken }),
        s.call('POST', `/api/v1/invitations/${invitationId}/decline`, { token: invitee.accessToken }),
      ]);
      expect([accept.status, decline.status].sort()).toEqual([200, 409]);
      const row = await s.db.selectFrom('invitations').select('status').where('id', '=', invitationId).executeTakeFirstOrThrow();
      const members = await membershipsOf(accountId);
      if (accept.status === 200) {
        expect(row.status).toBe('accepted');
        expect(members).toHaveLength(1);
      } else {
        expect(row.status).toBe('declined');
        expect(members).toHaveLength(0);
      }
    }
  });

  it('an accept racing the owner cancelling: never a membership from a cancelled invitation', async () => {
    for (let round = 0; round < 5; round++) {
      const { accountId, invitationId } = await newInvitation();
      const [accept, cancel] = await Promise.all([
        s.call('POST', `/api/v1/invitations/${invitationId}/accept`, { token: invitee.accessToken }),
        s.call('DELETE', `/api/v1/accounts/${accountId}/invitations/${invitationId}`, { token: owner.accessToken }),
      ]);
      expect(accept.status).toBeLessThan(500);
      expect(cancel.status).toBeLessThan(500);
      const row = await s.db.selectFrom('invitations').select('status').where('id', '=', invitationId).executeTakeFirstOrThrow();
      const members = await membershipsOf(accountId);
      expect(['accepted', 'cancelled']).toContain(row.status);
      expect(members).toHaveLength(row.status === 'accepted' ? 1 : 0);
      expect(accept.status === 200).toBe(row.status === 'accepted');
    }
  });

  it('ten concurrent invitations of one email to one account: one pending invitation, the rest told so', async () => {
    const account = await s.admin('/accounts', { name: `Invite race ${++n}`, ownerEmail: 'owner@example.com' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.call('POST', `/api/v1/accounts/${account.id}/invitations`, {
          token: owner.accessToken,
          body: { email: 'newcomer@example.com', permissions: ['tickets'] },
        }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.status).toBe(409);
    const pending = await s.db.selectFrom('invitations').select('id').where('account_id', '=', account.id).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
  });

  it('ten sign-ups at once with one invitation token: one login, one membership, the rest told so', async () => {
    const account = await s.admin('/accounts', { name: `Sign-up race ${++n}`, ownerEmail: 'owner@example.com' });
    const { token } = await createInvitation(s.db, s.now(), {
      accountId: account.id,
      invitedBy: owner.id,
      email: 'double-click@example.com',
      permissions: ['tickets'],
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        s.call('POST', '/api/v1/signup', {
          body: { email: 'double-click@example.com', name: 'Dee Click', password: 'Correct-Horse-7', invitationToken: token },
        }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const users = await s.db.selectFrom('users').select('id').where('email', '=', 'double-click@example.com').execute();
    expect(users).toHaveLength(1);
    const members = await s.db.selectFrom('memberships').select('id').where('account_id', '=', account.id).where('user_id', '=', users[0]!.id).execute();
    expect(members).toHaveLength(1);
  });

  it('two different invitations of one login to one account, accepted at the same instant: one membership, both answered, never a 5xx', async () => {
    for (let round = 0; round < 5; round++) {
      const { accountId, invitationId: first } = await newInvitation();
      const { invitation: second } = await createInvitation(s.db, s.now(), {
        accountId,
        invitedBy: owner.id,
        email: 'invitee@example.com',
        permissions: ['tickets'],
      });
      const answers = await Promise.all([first, second.id].map((id) => s.call('POST', `/api/v1/invitations/${id}/accept`, { token: invitee.accessToken })));
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(await membershipsOf(accountId)).toHaveLength(1);
      expect(await acceptedEvents(accountId)).toHaveLength(2);
    }
  });

  it('ten concurrent ownership-transfer requests: exactly one pending transfer, never a 5xx', async () => {
    for (let round = 0; round < 3; round++) {
      const account = await s.admin('/accounts', { name: `Transfer race ${++n}`, ownerEmail: 'owner@example.com' });
      await insertMembership(s.db, s.now(), { accountId: account.id, userId: invitee.id, role: 'admin', permissions: ['users.manage'] });
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          s.call('POST', `/api/v1/accounts/${account.id}/ownership-transfer`, { token: owner.accessToken, body: { toUserId: invitee.id } }),
        ),
      );
      for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(300);
      const pending = await s.db.selectFrom('ownership_transfers').select('id').where('account_id', '=', account.id).where('status', '=', 'pending').execute();
      expect(pending).toHaveLength(1);
    }
  });

  it('one SSO link opened ten times at once signs in exactly once', async () => {
    const account = await s.admin('/accounts', { name: `SSO race ${++n}`, ownerEmail: 'owner@example.com' });
    const link = await s.call('POST', `/api/v1/accounts/${account.id}/sso`, { token: owner.accessToken });
    expect(link.status).toBe(200);
    const landings = await Promise.all(Array.from({ length: 10 }, () => fetch(link.body.url, { redirect: 'manual' })));
    expect(landings.filter((r) => r.status === 303)).toHaveLength(1);
    expect(landings.filter((r) => r.status === 410)).toHaveLength(9);
  });
});
