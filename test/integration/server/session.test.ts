import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponse } from '../../../src-shared/api/session.js';
import { User } from '../../../src-shared/api/users.js';
import { expectProblem, type Harness, STRONG_PASSWORD, startHarness } from './harness.js';

describe('sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('ada@example.com', 'Ada Lovelace');
  });
  afterAll(() => h.close());

  it('signs in with the right password and returns tokens and the user', async () => {
    const res = await h.call('POST', '/api/v1/session', { body: { email: 'ADA@example.com ', password: STRONG_PASSWORD } });
    expect(res.status).toBe(200);
    const session = SessionResponse.parse(res.body);
    expect(session.user.email).toBe('ada@example.com');
    expect(session.expiresIn).toBeGreaterThan(0);
    expect(session.accessToken).not.toBe(session.refreshToken);
  });

  it('refuses a wrong password or an unknown login with 401 invalid_credentials', async () => {
    expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'ada@example.com', password: 'Wrong-pass-1' } }), 401, 'invalid_credentials');
    expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'nobody@example.com', password: STRONG_PASSWORD } }), 401, 'invalid_credentials');
  });

  it('rate-limits repeated failures per email and address, even for the right password then', async () => {
    await h.createLogin('target@example.com', 'Target');
    for (let i = 0; i < 5; i++) {
      expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'target@example.com', password: `Guess-${i}!` } }), 401, 'invalid_credentials');
    }
    const limited = await fetch(`${h.server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'target@example.com', password: STRONG_PASSWORD }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).code).toBe('rate_limited');
    // Another login from the same address is not affected.
    expect((await h.signIn('ada@example.com')).user.name).toBe('Ada Lovelace');
    // The window passes (injected clock), and the right password works again.
    h.advance(16 * 60 * 1000);
    expect((await h.signIn('target@example.com')).user.email).toBe('target@example.com');
  });

  it('GET /me returns the caller with customer number; without a token it is 401', async () => {
    const { accessToken } = await h.signIn('ada@example.com');
    const me = await h.call('GET', '/api/v1/me', { token: accessToken });
    expect(me.status).toBe(200);
    const user = User.parse(me.body);
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', status: 'active' });
    expect(user.customerNumber).toMatch(/^[0-9]+$/);
    expectProblem(await h.call('GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await h.call('GET', '/api/v1/me', { token: 'cda_forged' }), 401, 'unauthenticated');
  });

  it('rotates on refresh: the old refresh token and old access token die', async () => {
    const first = await h.signIn('ada@example.com');
    const refreshed = await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status).toBe(200);
    const second = SessionResponse.parse(refreshed.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await h.call('GET', '/api/v1/me', { token: second.accessToken })).status).toBe(200);
    expectProblem(await h.call('GET', '/api/v1/me', { token: first.accessToken }), 401, 'unauthenticated');
    expect((await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(200);
    // Reusing the first (rotated) token now ends the whole session: refresh-reuse.test.ts.
    expectProblem(await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: first.refreshToken } }), 401, 'unauthenticated');
  });

  it('expires access tokens by the clock; the refresh token still works', async () => {
    const s = await h.signIn('ada@example.com');
    h.advance((s.expiresIn + 1) * 1000);
    expectProblem(await h.call('GET', '/api/v1/me', { token: s.accessToken }), 401, 'unauthenticated');
    expect((await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
  });

  it('signs out: both tokens of the session stop working', async () => {
    const s = await h.signIn('ada@example.com');
    const out = await h.call('DELETE', '/api/v1/session', { token: s.accessToken });
    expect(out.status).toBe(204);
    expectProblem(await h.call('GET', '/api/v1/me', { token: s.accessToken }), 401, 'unauthenticated');
    expectProblem(await h.call('POST', '/api/v1/session/refresh', { body: { refreshToken: s.refreshToken } }), 401, 'unauthenticated');
  });

  it('answers malformed bodies and unknown routes with problem documents, never 500', async () => {
    expectProblem(await h.call('POST', '/api/v1/session', { rawBody: '{"email":' }), 400, 'validation_failed');
    expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'not-an-email', password: 'x' } }), 400, 'validation_failed');
    expectProblem(await h.call('POST', '/api/v1/session', { body: { email: 'ada@example.com', password: 'x', extra: 1 } }), 400, 'validation_failed');
    expectProblem(await h.call('POST', '/api/v1/session', { body: [1, 2] }), 400, 'validation_failed');
    expectProblem(await h.call('POST', '/api/v1/session/refresh', { body: {} }), 400, 'validation_failed');
    expectProblem(await h.call('GET', '/api/v1/does-not-exist'), 404, 'not_found');
  });
});
