/**
 * The accounts list marks an account that requires two-factor sign-in, with whether the caller has
 * it on, so the app can say "needs two-factor sign-in" before any action is refused; a change of
 * either reaches a client that syncs incrementally or conditionally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { type Harness, startHarness } from './harness.js';
import { accountOf, enrolTwoFactor, grant, person, type Person } from './scenario.js';

describe('the two-factor mark on listed accounts', () => {
  let h: Harness;
  let owner: Person;
  let member: Person;
  let strict: string;
  let relaxed: string;
  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    member = await person(h, 'member');
    strict = await accountOf(h, owner);
    relaxed = await accountOf(h, owner);
    for (const id of [strict, relaxed]) await grant(h, id, member, 'member', ['tickets']);
  });
  afterAll(() => h.close());

  const list = async (token: string, query = '', etag?: string) => {
    const res = await fetch(`${h.server.url}/api/v1/accounts${query}`, {
      headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) },
    });
    return { status: res.status, etag: res.headers.get('etag') ?? undefined, page: res.status === 200 ? AccountPage.parse(await res.json()) : null };
  };
  const markOf = (page: AccountPage | null, id: string) => page?.items.find((a) => a.id === id)?.twoFactor;

  it('says which accounts require it and that the caller does not have it on', async () => {
    const before = await list(member.token);
    expect(markOf(before.page, strict)).toEqual({ required: false, enabled: false });
    owner = { ...owner, token: await enrolTwoFactor(h, owner) };
    const since = h.now().toISOString();
    h.advance(1_000);
    expect((await h.call('PUT', `/api/v1/accounts/${strict}/two-factor-policy`, { token: owner.token, body: { required: true } })).status).toBe(200);

    // A copy validated with its ETag is not current any more, and an incremental sync sees the account.
    const conditional = await list(member.token, '', before.etag);
    expect(conditional.status).toBe(200);
    expect(markOf(conditional.page, strict)).toEqual({ required: true, enabled: false });
    expect(markOf(conditional.page, relaxed)).toEqual({ required: false, enabled: false });
    const changed = await list(member.token, `?updatedSince=${encodeURIComponent(since)}`);
    expect(changed.page?.items.map((a) => a.id)).toEqual([strict]);
    // The owner's own mark: required, and on.
    expect(markOf((await list(owner.token)).page, strict)).toEqual({ required: true, enabled: true });
  });

  it('clears the need once the caller turns two-factor sign-in on, and an incremental sync sees it', async () => {
    const since = h.now().toISOString();
    h.advance(1_000);
    const token = await enrolTwoFactor(h, member);
    const changed = await list(token, `?updatedSince=${encodeURIComponent(since)}`);
    // Only where the mark means something: the account that requires it.
    expect(changed.page?.items.map((a) => a.id)).toEqual([strict]);
    expect(markOf(changed.page, strict)).toEqual({ required: true, enabled: true });
  });
});
