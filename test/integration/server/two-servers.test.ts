/**
 * Two server processes on one store (docs/ARCHITECTURE.md §5), as behind a load balancer: the
 * limits count across both, and the races of the concurrency suite, split over both servers, still
 * end with exactly one effect and no server error.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { LIMITS } from '../../../src-server/domain/limits.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import type { ClientArea } from '../../../src-server/server.js';
import { PASSWORD, STORES, type StoreServer, startOn, startSecondServer } from './fixtures/stores.js';

describe.each(STORES)('two servers on one %s store', (store) => {
  let s: StoreServer;
  let second: ClientArea;
  let owner: { id: string; accessToken: string };
  let invitee: { id: string; accessToken: string };
  let n = 0;

  beforeAll(async () => {
    s = await startOn(store, 'two_servers');
    second = await startSecondServer(s);
    owner = await s.login('owner@example.com', 'Olivia Owner');
    invitee = await s.login('invitee@example.com', 'Ivan Invitee');
  });
  afterAll(async () => {
    await second?.close();
    await s?.close();
  });

  /** The same request on one server or the other, alternately. */
  const on = async (i: number, method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const base = i % 2 === 0 ? s.server.url : second.url;
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after') };
  };
  const newAccount = async () => (await s.admin('/accounts', { name: `Two servers ${++n}`, ownerEmail: 'owner@example.com' })).id as string;

  it('failed sign-ins spread over both servers are counted together', async () => {
    await s.admin('/users', { email: 'spread@example.com', name: 'Spread', password: PASSWORD });
    for (let i = 0; i < 5; i++)
      expect((await on(i, 'POST', '/api/v1/session', { body: { email: 'spread@example.com', password: `Guess-${i}!` } })).status).toBe(401);
    for (const i of [0, 1]) {
      const res = await on(i, 'POST', '/api/v1/session', { body: { email: 'spread@example.com', password: PASSWORD } });
      expect(res.status).toBe(429);
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
  });

  it('an account sends exactly its hourly invitations, however the requests are spread', async () => {
    const accountId = await newAccount();
    const extra = 10;
    const answers = await Promise.all(
      Array.from({ length: LIMITS.invitationMailsPerAccount.max + extra }, (_, i) =>
        on(i, 'POST', `/api/v1/accounts/${accountId}/invitations`, {
          token: owner.accessToken,
          body: { email: `flood${i}@example.com`, permissions: ['tickets'] },
        }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(LIMITS.invitationMailsPerAccount.max);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(extra);
    const mails = await s.db.selectFrom('outbox').select('id').where('account_id', '=', accountId).execute();
    expect(mails).toHaveLength(LIMITS.invitationMailsPerAccount.max);
  });

  it('concurrent accepts of one invitation, and of two invitations to one account, on both servers: one membership', async () => {
    const accountId = await newAccount();
    const first = await createInvitation(s.db, s.now(), { accountId, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] });
    const other = await createInvitation(s.db, s.now(), { accountId, invitedBy: owner.id, email: 'invitee@example.com', permissions: ['tickets'] });
    const ids = [first.invitation.id, other.invitation.id, first.invitation.id, other.invitation.id, first.invitation.id, other.invitation.id];
    const answers = await Promise.all(ids.map((id, i) => on(i, 'POST', `/api/v1/invitations/${id}/accept`, { token: invitee.accessToken })));
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    const members = await s.db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', invitee.id).execute();
    expect(members).toHaveLength(1);
    const accepted = await s.db
      .selectFrom('audit_events')
      .select('id')
      .where('account_id', '=', accountId)
      .where('action', '=', 'invitation.accepted')
      .execute();
    expect(accepted).toHaveLength(2);
  });

  it('sign-ups with one invitation token on both servers: one login', async () => {
    const accountId = await newAccount();
    const { token } = await createInvitation(s.db, s.now(), { accountId, invitedBy: owner.id, email: 'twice@example.com', permissions: ['tickets'] });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        on(i, 'POST', '/api/v1/signup', { body: { email: 'twice@example.com', name: 'Twice', password: PASSWORD, invitationToken: token } }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(500);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(await s.db.selectFrom('users').select('id').where('email', '=', 'twice@example.com').execute()).toHaveLength(1);
  });

  it('ownership-transfer requests on both servers: exactly one pending', async () => {
    const accountId = await newAccount();
    await insertMembership(s.db, s.now(), { accountId, userId: invitee.id, role: 'admin', permissions: ['users.manage'] });
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        on(i, 'POST', `/api/v1/accounts/${accountId}/ownership-transfer`, { token: owner.accessToken, body: { toUserId: invitee.id } }),
      ),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBeLessThan(300);
    const pending = await s.db.selectFrom('ownership_transfers').select('id').where('account_id', '=', accountId).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
  });

  it('a two-factor code accepted by one server is refused by the other', async () => {
    const who = await s.login('factor@example.com', 'Fay Factor');
    const enrolment = await on(0, 'POST', '/api/v1/me/two-factor/enrolment', { token: who.accessToken });
    const code = () => generate({ secret: enrolment.body.secret as string, epoch: Math.floor(s.now().getTime() / 1000) });
    expect((await on(1, 'POST', '/api/v1/me/two-factor/confirmation', { token: who.accessToken, body: { code: await code() } })).status).toBe(200);
    s.advance(30_000);
    const challenges = await Promise.all([0, 1].map((i) => on(i, 'POST', '/api/v1/session', { body: { email: 'factor@example.com', password: PASSWORD } })));
    const current = await code();
    const answers = await Promise.all(
      challenges.map((c, i) => on(i, 'POST', '/api/v1/session/two-factor', { body: { challengeToken: c.body.challengeToken, code: current } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });
});
