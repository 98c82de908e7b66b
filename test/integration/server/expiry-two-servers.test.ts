/**
 * Expiring access with two servers on one store (docs/ARCHITECTURE.md §5 "Expiring access"): a
 * signed-in request learns from its own sign-in read whether an end is due, so an end one server
 * wrote, even one earlier than what the other server saw before, holds on the other server at its
 * very instant. The access tokens stay the same throughout: no sign-in request runs the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import type { ClientArea } from '../../../src-server/server.js';
import { STORES, type StoreServer, startOn, startSecondServer } from './fixtures/stores.js';

const MINUTE = 60_000;

describe.each(STORES)('expiring access across two servers on one %s store', (store) => {
  let s: StoreServer;
  let second: ClientArea;
  let owner: { id: string; accessToken: string };
  let member: { id: string; accessToken: string };

  beforeAll(async () => {
    s = await startOn(store, 'expiry_two_servers');
    second = await startSecondServer(s);
    owner = await s.login('owner@example.com', 'Olivia Owner');
    member = await s.login('member@example.com', 'Mo Member');
  });
  afterAll(async () => {
    await second?.close();
    await s?.close();
  });

  const onSecond = async (method: string, path: string, token: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(second.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const listedOnFirst = async () => {
    const res = await s.call('GET', '/api/v1/accounts', { token: member.accessToken });
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((a) => a.id);
  };

  it('an earlier end written by the other server ends the grant on this one at its instant', async () => {
    const accountId = (await s.admin('/accounts', { name: 'Hotel Aurora', ownerEmail: 'owner@example.com' })).id as string;
    await insertMembership(s.db, s.now(), { accountId, userId: member.id, role: 'member', permissions: PERMISSION_PRESETS.webDeveloper });
    const far = new Date(s.now().getTime() + 10 * 24 * 60 * MINUTE).toISOString();
    expect((await s.call('PATCH', `/api/v1/accounts/${accountId}/users/${member.id}`, { token: owner.accessToken, body: { expiresAt: far } })).status).toBe(
      200,
    );
    // The first server has served the member with the far end in place.
    expect(await listedOnFirst()).toContain(accountId);

    const soon = new Date(s.now().getTime() + 5 * MINUTE).toISOString();
    const moved = await onSecond('PATCH', `/api/v1/accounts/${accountId}/users/${member.id}`, owner.accessToken, { expiresAt: soon });
    expect(moved.status).toBe(200);

    s.advance(5 * MINUTE - 1);
    expect((await s.call('GET', `/api/v1/accounts/${accountId}`, { token: member.accessToken })).status).toBe(200);
    expect(await listedOnFirst()).toContain(accountId);

    s.advance(2);
    expect((await s.call('GET', `/api/v1/accounts/${accountId}`, { token: member.accessToken })).status).toBe(404);
    expect(await listedOnFirst()).not.toContain(accountId);
    const left = await s.db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', member.id).execute();
    expect(left).toEqual([]);
    // Retired once, by whichever request got there first, and the other server agrees.
    expect((await onSecond('GET', `/api/v1/accounts/${accountId}`, member.accessToken)).status).toBe(404);
    const expired = await s.db.selectFrom('audit_events').select('id').where('account_id', '=', accountId).where('action', '=', 'access.expired').execute();
    expect(expired).toHaveLength(1);
  });
});
