/**
 * Access requests against time and spam: a request expires 7 days after it was made (read at the
 * instant; the periodic sweep records it in the audit trail once), and the limits of
 * `domain/limits.ts` refuse the 6th request of a login in an hour and the 21st to one target in a
 * day with a 429 and `Retry-After`, for a known and an unknown customer number alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRequestList } from '../../../src-shared/api/access-requests.js';
import { pruneExpired } from '../../../src-server/domain/retention.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, DAY, person, type Person } from './scenario.js';

const HOUR = 3_600_000;

describe('access requests: expiry after 7 days and rate limits', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    accountId = await accountOf(h, owner, 'Aurora Hotel');
  });
  afterAll(() => h.close());

  /** One after another: logins made at once may race for a customer number on PostgreSQL, which is not what this suite tests. */
  const people = async (n: number, label: string) => {
    const made: Person[] = [];
    for (let i = 0; i < n; i++) made.push(await person(h, `${label}${i}`));
    return made;
  };
  /** Access tokens are short-lived: after the clock moves, sign in again. */
  const fresh = async (p: Person) => (await h.signIn(p.email)).accessToken;
  const ask = (token: string, customerNumber: string, message = 'Please let me in') =>
    h.call('POST', '/api/v1/access-requests', { token, body: { customerNumber, permissions: ['tickets'], message } });

  it('is pending until the 7th day ends, then expired: it cannot be approved, and the sweep audits it once', async () => {
    const requester = await person(h, 'late');
    const created = await ask(requester.token, owner.customerNumber);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const statusNow = async () =>
      AccessRequestList.parse((await h.call('GET', '/api/v1/access-requests', { token: await fresh(requester) })).body).items[0]?.status;

    h.advance(7 * DAY - 1000);
    expect(await statusNow()).toBe('pending');
    h.advance(1000);
    expect(await statusNow()).toBe('expired');
    const approve = await h.call('POST', `/api/v1/accounts/${accountId}/access-requests/${id}/approve`, { token: await fresh(owner), body: {} });
    expectProblem(approve, 409, 'access_request_not_pending');
    expect(approve.body.detail).toContain('expired');

    expect((await pruneExpired(h.db, h.now)).accessRequests).toBe(1);
    expect((await pruneExpired(h.db, h.now)).accessRequests).toBe(0);
    const audit = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: await fresh(owner) })).body.items as { action: string; details: any }[];
    expect(audit.filter((e) => e.action === 'access_request.expired' && e.details.requestId === id)).toHaveLength(1);
    // An expired request no longer blocks asking again.
    expect((await ask(await fresh(requester), owner.customerNumber)).status).toBe(201);
  });

  it('a login sends at most 5 requests an hour; the 6th is a 429 with Retry-After', async () => {
    const eager = await person(h, 'eager');
    const targets = await people(6, 'target');
    for (const t of targets.slice(0, 5)) expect((await ask(eager.token, t.customerNumber)).status).toBe(201);
    const refused = await h.call('POST', '/api/v1/access-requests', {
      token: eager.token,
      body: { customerNumber: targets[5]!.customerNumber, permissions: ['tickets'], message: 'One more' },
    });
    expectProblem(refused, 429, 'rate_limited');
    const retry = await fetch(`${h.server.url}/api/v1/access-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${eager.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerNumber: targets[5]!.customerNumber, permissions: ['tickets'], message: 'One more' }),
    });
    expect(retry.status).toBe(429);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(retry.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    h.advance(HOUR);
    expect((await ask(await fresh(eager), targets[5]!.customerNumber)).status).toBe(201);
  });

  it('one target gets at most 20 requests a day, known number or not', async () => {
    const known = await person(h, 'popular');
    let unknown = '87654321';
    while (await h.db.selectFrom('users').select('id').where('customer_number', '=', unknown).executeTakeFirst()) unknown = String(Number(unknown) + 1);
    const askers = await people(21, 'asker');
    for (const target of [known.customerNumber, unknown]) {
      for (const asker of askers.slice(0, 20)) expect((await ask(asker.token, target)).status).toBe(201);
      const refused = await ask(askers[20]!.token, target);
      expectProblem(refused, 429, 'rate_limited');
    }
    h.advance(DAY);
    expect((await ask(await fresh(askers[20]!), known.customerNumber)).status).toBe(201);
  });
});
