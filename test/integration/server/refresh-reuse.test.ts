import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponse } from '../../../src-shared/api/session.js';
import { SETTINGS } from '../../../src-server/config/settings.js';
import { pruneExpired } from '../../../src-server/domain/retention.js';
import { expectProblem, type Harness, startHarness } from './harness.js';

const refresh = (h: Harness, refreshToken: string) => h.call('POST', '/api/v1/session/refresh', { body: { refreshToken } });

/**
 * A rotated refresh token used again means two parties hold one session (a copy was stolen and
 * rotated): the whole family ends, so neither party keeps it for the refresh lifetime.
 */
describe('reuse of a rotated refresh token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('reuse@example.com', 'Reuse Victim');
  });
  afterAll(() => h.close());

  it('R0 → R1, then R0 again: every token of the session dies, R1 and its access token included', async () => {
    const r0 = await h.signIn('reuse@example.com');
    const r1 = SessionResponse.parse((await refresh(h, r0.refreshToken)).body);
    const r2 = SessionResponse.parse((await refresh(h, r1.refreshToken)).body);
    expect((await h.call('GET', '/api/v1/me', { token: r2.accessToken })).status).toBe(200);

    const reused = await refresh(h, r0.refreshToken);
    expectProblem(reused, 401, 'unauthenticated');
    expect(reused.body.detail).toContain('already used');
    expectProblem(await refresh(h, r2.refreshToken), 401, 'unauthenticated');
    expectProblem(await h.call('GET', '/api/v1/me', { token: r2.accessToken }), 401, 'unauthenticated');
    const row = await h.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', r0.user.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('ends only the family reused: another session of the same login keeps working', async () => {
    const stolen = await h.signIn('reuse@example.com');
    const other = await h.signIn('reuse@example.com');
    await refresh(h, stolen.refreshToken);
    expectProblem(await refresh(h, stolen.refreshToken), 401, 'unauthenticated');
    expect((await h.call('GET', '/api/v1/me', { token: other.accessToken })).status).toBe(200);
    expect((await refresh(h, other.refreshToken)).status).toBe(200);
  });

  it('an unknown refresh token ends nothing, and retired tokens are pruned once they would have expired', async () => {
    const live = await h.signIn('reuse@example.com');
    expectProblem(await refresh(h, 'cdr_never-issued'), 401, 'unauthenticated');
    expect((await h.call('GET', '/api/v1/me', { token: live.accessToken })).status).toBe(200);
    const before = await h.db.selectFrom('retired_refresh_tokens').select('refresh_hash').execute();
    expect(before.length).toBeGreaterThan(0);
    h.advance((SETTINGS.refreshTokenDays + 1) * 24 * 60 * 60 * 1000);
    const pruned = await pruneExpired(h.db, h.now);
    expect(pruned.retiredRefreshTokens).toBe(before.length);
  });
});
