import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { expectProblem, type Harness, startHarness } from './harness.js';

describe('Idempotency-Key on writes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const post = (path: string, key: string, token: string, body?: unknown) =>
    fetch(`${h.server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('an admin create sent twice with one key acts once and returns the same outcome', async () => {
    const body = { email: 'once@example.com', name: 'Once', password: 'Strong-Pass-1' };
    const first = await post('/api/v1/admin/users', 'key-1', h.server.adminKey, body);
    const second = await post('/api/v1/admin/users', 'key-1', h.server.adminKey, body);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toMatch(/application\/json/);
    expect(await second.json()).toEqual(await first.json());
    const users = await h.db.selectFrom('users').select('id').where('email', '=', 'once@example.com').execute();
    expect(users).toHaveLength(1);
    // Without the key, the same request is a new action (and conflicts).
    expect((await post('/api/v1/admin/users', 'key-2', h.server.adminKey, body)).status).toBe(409);
  });

  it('a queued invitation answer replays with the same outcome after the caller signed in again', async () => {
    const owner = await h.createLogin('owner@example.com', 'Owner');
    await h.createLogin('agency@example.com', 'Agency');
    const account = await h.admin('/accounts', { name: 'Queued Co', ownerEmail: 'owner@example.com' });
    const { invitation } = await createInvitation(h.db, h.now(), {
      accountId: account.id,
      invitedBy: owner.id,
      email: 'agency@example.com',
      permissions: PERMISSION_PRESETS.supportOnly,
    });
    const path = `/api/v1/invitations/${invitation.id}/accept`;
    const first = await post(path, 'answer-1', (await h.signIn('agency@example.com')).accessToken);
    const replay = await post(path, 'answer-1', (await h.signIn('agency@example.com')).accessToken);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    const rows = await h.db.selectFrom('memberships').select('id').where('account_id', '=', account.id).execute();
    expect(rows).toHaveLength(2);
  });

  it('rejects an over-long key with a problem document', async () => {
    const res = await post('/api/v1/admin/users', 'k'.repeat(201), h.server.adminKey, { email: 'x@example.com', name: 'X', password: 'Strong-Pass-1' });
    expectProblem({ status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() }, 400, 'validation_failed');
  });
});
