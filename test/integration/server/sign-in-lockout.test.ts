/**
 * Sign-in limits under attack from several client addresses (the test connects from distinct
 * loopback addresses, 127.0.0.x, so the server sees each as its own client): password spraying
 * from one address is stopped, and attackers who fill the per-login limit from a few addresses do
 * not lock the owner out.
 */
import { request } from 'node:http';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponse } from '../../../src-shared/api/session.js';
import { TwoFactorChallenge, TwoFactorEnrolment } from '../../../src-shared/api/two-factor.js';
import { SETTINGS } from '../../../src-server/config/settings.js';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../src-server/domain/sign-in-limiter.js';
import { issueUserLink } from '../../../src-server/domain/user-links.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: any;
}

/** POST a JSON body from the given local address (any 127.0.0.x reaches the loopback server). */
function postFrom(address: string, path: string, body: unknown): Promise<Answer> {
  const url = new URL(h.server.url + path);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: address, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const signInFrom = (address: string, email: string, password: string) => postFrom(address, '/api/v1/session', { email, password });

/** Four attacker addresses, five wrong passwords each: 20 failures, the per-login limit. */
async function attack(email: string): Promise<void> {
  for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']) {
    for (let i = 0; i < SETTINGS.signInFailures; i++) expect((await signInFrom(address, email, `Guess-${address}-${i}!`)).status).toBe(401);
  }
}

describe('password spraying from one address', () => {
  it('one address trying many different emails is refused once it passes the per-address limit', async () => {
    const sprayer = '127.0.0.20';
    await h.createLogin('sprayed@example.com', 'Sprayed');
    // Far more than 21 emails, one wrong password each: no (email, address) pair ever reaches its limit.
    for (let i = 0; i < DEFAULT_SIGN_IN_LIMITS.perAddress; i++) {
      expect((await signInFrom(sprayer, `spray-${i}@example.com`, 'Summer-2025!')).status).toBe(401);
    }
    const refused = await signInFrom(sprayer, 'sprayed@example.com', STRONG_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // The sprayer's address is what is limited, not the login: its owner signs in from elsewhere.
    expect((await signInFrom('127.0.0.21', 'sprayed@example.com', STRONG_PASSWORD)).status).toBe(200);
  });
});

describe('targeted lockout', () => {
  it('attackers from four addresses fail five times each; the owner signs in from a fresh address with password and second factor', async () => {
    await h.createLogin('victim-2fa@example.com', 'Victim');
    const own = SessionResponse.parse((await signInFrom('127.0.0.30', 'victim-2fa@example.com', STRONG_PASSWORD)).body);
    const enrolment = TwoFactorEnrolment.parse((await h.call('POST', '/api/v1/me/two-factor/enrolment', { token: own.accessToken })).body);
    const code = () => generate({ secret: enrolment.secret, epoch: Math.floor(h.now().getTime() / 1000) });
    expect((await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: own.accessToken, body: { code: await code() } })).status).toBe(200);
    h.advance(30_000);

    await attack('victim-2fa@example.com');
    // The attackers are stopped: each address is at its limit, and any fresh address without the second factor gets nowhere.
    expect((await signInFrom('127.0.0.2', 'victim-2fa@example.com', STRONG_PASSWORD)).status).toBe(429);
    expect((await signInFrom('127.0.0.6', 'victim-2fa@example.com', 'Guess-fresh-1!')).status).toBe(429);

    const step = await signInFrom('127.0.0.31', 'victim-2fa@example.com', STRONG_PASSWORD);
    expect(step.status).toBe(200);
    const { challengeToken } = TwoFactorChallenge.parse(step.body);
    const done = await postFrom('127.0.0.31', '/api/v1/session/two-factor', { challengeToken, code: await code() });
    expect(done.status).toBe(200);
    expect(SessionResponse.parse(done.body).user.email).toBe('victim-2fa@example.com');
  });

  it('without a second factor the owner passes from an address it signed in from before; elsewhere a wrong and a right password look the same', async () => {
    await h.createLogin('victim@example.com', 'Victim');
    expect((await signInFrom('127.0.0.40', 'victim@example.com', STRONG_PASSWORD)).status).toBe(200);
    await attack('victim@example.com');

    const wrong = await signInFrom('127.0.0.41', 'victim@example.com', 'Guess-again-1!');
    const right = await signInFrom('127.0.0.42', 'victim@example.com', STRONG_PASSWORD);
    expect([wrong.status, wrong.body.code, right.status, right.body.code]).toEqual([429, 'rate_limited', 429, 'rate_limited']);
    expect(right.body.detail).toBe(wrong.body.detail);

    const known = await signInFrom('127.0.0.40', 'victim@example.com', STRONG_PASSWORD);
    expect(known.status).toBe(200);
    expect(SessionResponse.parse(known.body).user.email).toBe('victim@example.com');
  });

  it('a password reset by mail lets the owner in from a fresh address again', async () => {
    const login = await h.createLogin('victim-reset@example.com', 'Victim');
    await attack('victim-reset@example.com');
    expect((await signInFrom('127.0.0.50', 'victim-reset@example.com', STRONG_PASSWORD)).status).toBe(429);

    // A reset link as the provider or the managing account mails it.
    const { token } = await issueUserLink(h.db, h.now(), login.id, 'password_reset', null);
    expect((await h.call('POST', '/api/v1/password-reset', { body: { token, password: 'Brand-New-Pass-8' } })).status).toBe(200);
    expect((await signInFrom('127.0.0.50', 'victim-reset@example.com', 'Brand-New-Pass-8')).status).toBe(200);
  });
});
