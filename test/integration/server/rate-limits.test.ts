/**
 * Limits counted in the database (docs/ARCHITECTURE.md §12): the sign-in limiter and the other
 * limits on either store, a restart that still refuses, each route's limit answering 429 with
 * `Retry-After`, and pruning of ended counters and old mails.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src-server/config/settings.js';
import type { Clock } from '../../../src-server/domain/clock.js';
import { LIMITS } from '../../../src-server/domain/limits.js';
import { RateLimits } from '../../../src-server/domain/rate-limits.js';
import { pruneExpired } from '../../../src-server/domain/retention.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { startClientArea } from '../../../src-server/server.js';
import { openTestStore, type TestStore } from './fixtures/store.js';
import { expectProblem, type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { accountOf, person } from './scenario.js';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore('rate_limits');
});
afterAll(() => store.close());
beforeEach(async () => {
  await store.db.deleteFrom('rate_limits').execute();
});

describe('sign-in limiter with an injected clock', () => {
  it('blocks after 5 failures for the same email and address until the window passes', async () => {
    let now = new Date('2025-03-01T12:00:00.000Z');
    const clock: Clock = () => now;
    const limiter = new SignInLimiter(store.db, clock, 5, 900);
    for (let i = 0; i < 5; i++) {
      expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0);
      await limiter.recordFailure('A@example.com', '10.0.0.1');
    }
    expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(900);
    expect(await limiter.retryAfter('a@example.com', '10.0.0.2')).toBe(0);
    expect(await limiter.retryAfter('b@example.com', '10.0.0.1')).toBe(0);
    now = new Date(now.getTime() + 600_000);
    expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(300);
    now = new Date(now.getTime() + 300_000);
    expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0);
  });

  it('a success clears the count', async () => {
    const limiter = new SignInLimiter(store.db, () => new Date(), 2, 60);
    await limiter.recordFailure('a@example.com', 'ip');
    await limiter.recordSuccess('a@example.com', 'ip');
    await limiter.recordFailure('a@example.com', 'ip');
    expect(await limiter.retryAfter('a@example.com', 'ip')).toBe(0);
  });
});

describe('sign-in limiter across emails and addresses', () => {
  const at = (): (() => Date) => {
    const now = new Date('2025-03-01T12:00:00.000Z');
    return () => now;
  };

  it('limits one address trying many emails (credential stuffing)', async () => {
    const limiter = new SignInLimiter(store.db, at(), { perEmailAndAddress: 5, perEmail: 20, perAddress: 10, windowSeconds: 600 });
    for (let i = 0; i < 10; i++) await limiter.recordFailure(`user${i}@example.com`, '10.0.0.9');
    expect(await limiter.retryAfter('fresh@example.com', '10.0.0.9')).toBe(600);
    expect(await limiter.retryAfter('fresh@example.com', '10.0.0.10')).toBe(0);
    // A success from that address does not reset the address count.
    await limiter.recordSuccess('user1@example.com', '10.0.0.9');
    expect(await limiter.retryAfter('fresh@example.com', '10.0.0.9')).toBe(600);
  });

  it('limits one email tried from many addresses', async () => {
    const limiter = new SignInLimiter(store.db, at(), { perEmailAndAddress: 5, perEmail: 8, perAddress: 100, windowSeconds: 600 });
    for (let i = 0; i < 8; i++) await limiter.recordFailure('target@example.com', `10.0.1.${i}`);
    // The per-login count is judged after the password (sessions.ts checkCredentials), so a fresh
    // address is not refused up front: filling it must not lock the owner out (sign-in-lockout.test.ts).
    expect(await limiter.loginRetryAfter('target@example.com')).toBe(600);
    expect(await limiter.retryAfter('target@example.com', '10.0.2.1')).toBe(0);
    expect(await limiter.loginRetryAfter('other@example.com')).toBe(0);
    expect(await limiter.retryAfter('other@example.com', '10.0.2.1')).toBe(0);
  });
});

describe('counters in the database', () => {
  const limit = { name: 'test.burst', max: 5, windowSeconds: 60, what: 'tries' };

  it('lets exactly max of many concurrent events through, whatever the interleaving', async () => {
    const now = new Date('2025-03-01T12:00:00.000Z');
    // Two limiters over one store stand for two server processes.
    const a = new RateLimits(store.db, () => now);
    const b = new RateLimits(store.db, () => now);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).consume(limit, 'k')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(15);
    for (const error of refused) expect(error).toMatchObject({ code: 'rate_limited', status: 429, headers: { 'retry-after': '60' } });
    const row = await store.db.selectFrom('rate_limits').selectAll().executeTakeFirstOrThrow();
    expect(row.count).toBe(20);
    // The key is kept as a digest only.
    expect(row.key_hash).not.toBe('k');
  });

  it('opens a new window once the old one ended', async () => {
    let now = new Date('2025-03-01T12:00:00.000Z');
    const limits = new RateLimits(store.db, () => now);
    for (let i = 0; i < 5; i++) await limits.consume(limit, 'k');
    await expect(limits.consume(limit, 'k')).rejects.toMatchObject({ code: 'rate_limited' });
    now = new Date(now.getTime() + 60_000);
    await limits.consume(limit, 'k');
    expect((await limits.hit(limit, 'k')).count).toBe(2);
  });

  it('prunes ended counters and mails older than the outbox retention', async () => {
    let now = new Date('2025-03-01T12:00:00.000Z');
    const clock = () => now;
    const limits = new RateLimits(store.db, clock);
    await limits.hit({ ...limit, windowSeconds: 60 }, 'short');
    await limits.hit({ ...limit, name: 'test.long', windowSeconds: 3600 }, 'long');
    const mail = (id: string, createdAt: string) => ({
      id,
      account_id: null,
      to_address: 'a@example.com',
      kind: 'general',
      template: 'test',
      language: 'en',
      subject: 's',
      text: 't',
      html: 'h',
      created_at: createdAt,
      delivered_at: null,
      delivery_error: null,
      attempts: 0,
    });
    await store.db.deleteFrom('outbox').execute();
    await store.db
      .insertInto('outbox')
      .values([mail('old', '2025-01-01T00:00:00.000Z'), mail('recent', '2025-02-20T00:00:00.000Z')])
      .execute();
    now = new Date(now.getTime() + 120_000);
    expect(await pruneExpired(store.db, clock)).toEqual({ counters: 1, mails: 1, accessRequests: 0, retiredRefreshTokens: 0 });
    expect((await store.db.selectFrom('rate_limits').select('name').execute()).map((r) => r.name)).toEqual(['test.long']);
    expect((await store.db.selectFrom('outbox').select('id').execute()).map((r) => r.id)).toEqual(['recent']);
    expect(SETTINGS.outboxRetentionDays).toBe(30);
  });
});

describe('limits of the API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const expectLimited = (res: { status: number; type: string; body: any; retryAfter?: string | null }) => {
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.retryAfter)).toBeGreaterThan(0);
  };
  const post = async (path: string, body: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(h.server.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: (await res.json()) as any, retryAfter: res.headers.get('retry-after') };
  };

  it('a restart over the same store still refuses the locked-out sign-in', async () => {
    await h.createLogin('locked@example.com', 'Locked');
    for (let i = 0; i < SETTINGS.signInFailures; i++) {
      expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'locked@example.com', password: `Guess-${i}!` } }), 401, 'invalid_credentials');
    }
    const again = await startClientArea({ databaseFile: h.databaseFile, adminKey: 'test-admin-key', clock: h.now });
    try {
      const res = await fetch(`${again.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'locked@example.com', password: STRONG_PASSWORD }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBe(SETTINGS.signInWindowSeconds);
      expect(((await res.json()) as { code: string }).code).toBe('rate_limited');
    } finally {
      await again.close();
    }
  });

  it('limits sign-ups per address', async () => {
    for (let i = 0; i < LIMITS.signUpPerAddress.max; i++) {
      expect((await post('/api/v1/signup', { email: `new${i}@example.com`, name: 'New', password: STRONG_PASSWORD })).status).toBe(202);
    }
    expectLimited(await post('/api/v1/signup', { email: 'one-more@example.com', name: 'New', password: STRONG_PASSWORD }));
    expect(await h.db.selectFrom('users').select('id').where('email', '=', 'one-more@example.com').executeTakeFirst()).toBeUndefined();
  });

  it('limits invitation mails per account, so invitations cannot flood mailboxes', async () => {
    const owner = await person(h, 'owner');
    const accountId = await accountOf(h, owner);
    for (let i = 0; i < LIMITS.invitationMailsPerAccount.max; i++) {
      const res = await post(`/api/v1/accounts/${accountId}/invitations`, { email: `victim${i}@example.com`, permissions: ['tickets'] }, owner.token);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expectLimited(await post(`/api/v1/accounts/${accountId}/invitations`, { email: 'victim-x@example.com', permissions: ['tickets'] }, owner.token));
    const mails = await h.db.selectFrom('outbox').select('id').where('account_id', '=', accountId).execute();
    expect(mails).toHaveLength(LIMITS.invitationMailsPerAccount.max);
    // Another account of the same owner has its own budget.
    const other = await accountOf(h, owner);
    expect((await post(`/api/v1/accounts/${other}/invitations`, { email: 'victim-x@example.com', permissions: ['tickets'] }, owner.token)).status).toBe(201);
    // An hour later the account may invite again.
    h.advance(LIMITS.invitationMailsPerAccount.windowSeconds * 1000);
    const { accessToken } = await h.signIn(owner.email);
    expect((await post(`/api/v1/accounts/${accountId}/invitations`, { email: 'victim-x@example.com', permissions: ['tickets'] }, accessToken)).status).toBe(
      201,
    );
  });

  it('limits resends of one invitation', async () => {
    const owner = await person(h, 'owner');
    const accountId = await accountOf(h, owner);
    const invitation = await post(`/api/v1/accounts/${accountId}/invitations`, { email: 'resent@example.com', permissions: ['tickets'] }, owner.token);
    const resend = () => post(`/api/v1/accounts/${accountId}/invitations/${invitation.body.id}/resend`, {}, owner.token);
    for (let i = 0; i < LIMITS.resendsPerInvitation.max; i++) expect((await resend()).status).toBe(200);
    expectLimited(await resend());
  });

  it('limits activation and password mails per login', async () => {
    const owner = await person(h, 'owner');
    const accountId = await accountOf(h, owner);
    const created = await post(
      `/api/v1/accounts/${accountId}/managed-users`,
      { users: [{ email: 'managed@example.com', name: 'Managed', permissions: ['tickets'] }], sendActivation: false },
      owner.token,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const userId = created.body.items[0].userId as string;
    const send = () => post(`/api/v1/accounts/${accountId}/managed-users/${userId}/activation`, {}, owner.token);
    for (let i = 0; i < LIMITS.userLinkMailsPerUser.max; i++) expect((await send()).status).toBe(200);
    expectLimited(await send());
  });
});
