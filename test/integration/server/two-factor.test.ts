/**
 * Two-factor sign-in (TOTP, RFC 6238) end to end: enrolment with QR code and URI, confirmation,
 * the two-step sign-in of the API and the panel, backup codes, replay and rate limits, disabling,
 * the audit trail, and the secret kept encrypted.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionResponse } from '../../../src-shared/api/session.js';
import { TwoFactorChallenge, TwoFactorEnabled, TwoFactorEnrolment } from '../../../src-shared/api/two-factor.js';
import { SETTINGS } from '../../../src-server/config/settings.js';
import { LIMITS } from '../../../src-server/domain/limits.js';
import { startClientArea } from '../../../src-server/server.js';
import { Browser } from './fixtures/browser.js';
import { expectProblem, type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { accountOf, person, type Person } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The code an authenticator app shows at the harness's current time. */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(h.now().getTime() / 1000) });
const STEP = 30_000;

/** A login with two-factor sign-in on: its secret, backup codes and an account it owns. */
async function enrolled(label: string): Promise<Person & { secret: string; backupCodes: string[]; accountId: string }> {
  const p = await person(h, label);
  const accountId = await accountOf(h, p);
  const enrolment = TwoFactorEnrolment.parse((await h.call('POST', '/api/v1/me/two-factor/enrolment', { token: p.token })).body);
  const confirmed = await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: p.token, body: { code: await codeNow(enrolment.secret) } });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  // The code just used is spent: the next sign-in needs the next step's code.
  h.advance(STEP);
  return { ...p, accountId, secret: enrolment.secret, ...TwoFactorEnabled.parse(confirmed.body) };
}

async function challengeFor(email: string): Promise<string> {
  const res = await h.call('POST', '/api/v1/session', { body: { email, password: STRONG_PASSWORD } });
  expect(res.status).toBe(200);
  return TwoFactorChallenge.parse(res.body).challengeToken;
}

const answer = (challengeToken: string, factor: { code?: string; backupCode?: string }) =>
  h.call('POST', '/api/v1/session/two-factor', { body: { challengeToken, ...factor } });

describe('enrolling', () => {
  it('hands out a secret as otpauth URI and QR code, and turns on only with a right code', async () => {
    const p = await person(h, 'enrol');
    const res = await h.call('POST', '/api/v1/me/two-factor/enrolment', { token: p.token });
    expect(res.status).toBe(201);
    const enrolment = TwoFactorEnrolment.parse(res.body);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.otpauthUri).toContain(encodeURIComponent(p.email));
    expect(Buffer.from(enrolment.qrCodeDataUrl.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    // Not on until confirmed: signing in still gives tokens.
    expect((await h.call('GET', '/api/v1/me/two-factor', { token: p.token })).body).toEqual({ enabled: false, backupCodesLeft: 0 });
    expect(SessionResponse.safeParse((await h.call('POST', '/api/v1/session', { body: { email: p.email, password: STRONG_PASSWORD } })).body).success).toBe(
      true,
    );

    const wrong = String((Number(await codeNow(enrolment.secret)) + 1) % 1_000_000).padStart(6, '0');
    expectProblem(await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: p.token, body: { code: wrong } }), 401, 'invalid_two_factor_code');
    expectProblem(await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: p.token, body: { code: '12ab' } }), 400, 'validation_failed');
    const confirmed = await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: p.token, body: { code: await codeNow(enrolment.secret) } });
    expect(confirmed.status).toBe(200);
    const { backupCodes } = TwoFactorEnabled.parse(confirmed.body);
    expect(new Set(backupCodes).size).toBe(10);
    for (const c of backupCodes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect((await h.call('GET', '/api/v1/me/two-factor', { token: p.token })).body).toEqual({ enabled: true, backupCodesLeft: 10 });
    expectProblem(await h.call('POST', '/api/v1/me/two-factor/enrolment', { token: p.token }), 409, 'conflict');

    // At rest: the secret encrypted, the backup codes as digests.
    const stored = await h.db.selectFrom('two_factor').selectAll().where('user_id', '=', p.id).executeTakeFirstOrThrow();
    expect(stored.secret_cipher).not.toContain(enrolment.secret);
    const digests = await h.db.selectFrom('two_factor_backup_codes').select('code_hash').where('user_id', '=', p.id).execute();
    expect(digests).toHaveLength(10);
    for (const { code_hash } of digests) for (const c of backupCodes) expect(code_hash).not.toContain(c.replace('-', ''));
  });

  it('is refused when the server has no key for the secrets', async () => {
    const keyless = await startClientArea({ databaseFile: h.databaseFile, adminKey: 'test-admin-key', clock: h.now });
    try {
      const p = await person(h, 'keyless');
      const res = await fetch(`${keyless.url}/api/v1/me/two-factor/enrolment`, { method: 'POST', headers: { authorization: `Bearer ${p.token}` } });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/CLIENTAREA_TOTP_KEY/);
    } finally {
      await keyless.close();
    }
  });
});

describe('signing in with two factors', () => {
  it('answers a challenge instead of tokens; a current code completes it once', async () => {
    const p = await enrolled('two-step');
    const challenge = await challengeFor(p.email);
    expect(challenge).not.toContain('.');
    const code = await codeNow(p.secret);
    const done = await answer(challenge, { code });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const session = SessionResponse.parse(done.body);
    expect((await h.call('GET', '/api/v1/me', { token: session.accessToken })).body.email).toBe(p.email);
    // The challenge is single-use, and the code cannot be replayed within its window.
    expectProblem(await answer(challenge, { code }), 401, 'invalid_two_factor_code');
    expectProblem(await answer(await challengeFor(p.email), { code }), 401, 'invalid_two_factor_code');
    h.advance(STEP);
    expect((await answer(await challengeFor(p.email), { code: await codeNow(p.secret) })).status).toBe(200);
  });

  it('a backup code works once, and its use is in the audit trail', async () => {
    const p = await enrolled('backup');
    const [first] = p.backupCodes;
    expect((await answer(await challengeFor(p.email), { backupCode: first!.toUpperCase() })).status).toBe(200);
    expectProblem(await answer(await challengeFor(p.email), { backupCode: first! }), 401, 'invalid_two_factor_code');
    const { accessToken } = SessionResponse.parse((await answer(await challengeFor(p.email), { backupCode: p.backupCodes[1]! })).body);
    expect((await h.call('GET', '/api/v1/me/two-factor', { token: accessToken })).body).toEqual({ enabled: true, backupCodesLeft: 8 });
    const audit = await h.call('GET', `/api/v1/accounts/${p.accountId}/audit`, { token: accessToken });
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'two_factor.backup_code_used')).toHaveLength(2);
    expect(actions).toContain('two_factor.enabled');
  });

  it('refuses a challenge after a few wrong codes, with Retry-After, even for the right code', async () => {
    const p = await enrolled('guesser');
    const challenge = await challengeFor(p.email);
    for (let i = 0; i < LIMITS.twoFactorFailuresPerChallenge.max; i++)
      expectProblem(await answer(challenge, { code: '000000' }), 401, 'invalid_two_factor_code');
    const res = await fetch(`${h.server.url}/api/v1/session/two-factor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challengeToken: challenge, code: await codeNow(p.secret) }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits wrong codes per login across challenges', async () => {
    const p = await enrolled('spread');
    let refused = 0;
    for (let i = 0; i < LIMITS.twoFactorFailuresPerUser.max; i++) {
      const res = await answer(await challengeFor(p.email), { code: '000000' });
      if (res.status === 401) refused++;
    }
    expect(refused).toBe(LIMITS.twoFactorFailuresPerUser.max);
    expectProblem(await answer(await challengeFor(p.email), { code: await codeNow(p.secret) }), 429, 'rate_limited');
    h.advance(LIMITS.twoFactorFailuresPerUser.windowSeconds * 1000);
    expect((await answer(await challengeFor(p.email), { code: await codeNow(p.secret) })).status).toBe(200);
  });

  it('a challenge expires', async () => {
    const p = await enrolled('slow');
    const challenge = await challengeFor(p.email);
    h.advance(SETTINGS.twoFactorChallengeSeconds * 1000);
    expectProblem(await answer(challenge, { code: await codeNow(p.secret) }), 401, 'invalid_two_factor_code');
    expectProblem(await answer('cdc_forged', { code: await codeNow(p.secret) }), 401, 'invalid_two_factor_code');
  });

  it('the panel asks for the code after the password', async () => {
    const p = await enrolled('panel');
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    const step = await b.post('/panel/sign-in', { email: p.email, password: STRONG_PASSWORD, next: '/panel' });
    expect(step.status).toBe(200);
    expect(step.html).toContain('action="/panel/sign-in/two-factor"');
    expect(b.cookies.has(SETTINGS.panelCookie)).toBe(false);
    const challenge = /name="challenge" value="([^"]+)"/.exec(step.html)![1]!;
    const wrong = await b.post('/panel/sign-in/two-factor', { challenge, code: '000000', next: '/panel' });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('not correct');
    const done = await b.post('/panel/sign-in/two-factor', { challenge, code: await codeNow(p.secret), next: '/panel' });
    expect(done.status, done.html).toBe(303);
    expect(b.cookies.has(SETTINGS.panelCookie)).toBe(true);
    expect((await b.get('/panel', { follow: true })).status).toBe(200);
    // A backup code works in the same field.
    const b2 = new Browser(h.server.url);
    await b2.get('/panel/sign-in');
    const step2 = await b2.post('/panel/sign-in', { email: p.email, password: STRONG_PASSWORD, next: '/panel' });
    const challenge2 = /name="challenge" value="([^"]+)"/.exec(step2.html)![1]!;
    expect((await b2.post('/panel/sign-in/two-factor', { challenge: challenge2, code: p.backupCodes[0]!, next: '/panel' })).status).toBe(303);
  });
});

describe('turning it off', () => {
  it('takes the password and a code; then signing in gives tokens again', async () => {
    const p = await enrolled('off');
    const { accessToken } = SessionResponse.parse((await answer(await challengeFor(p.email), { code: await codeNow(p.secret) })).body);
    h.advance(STEP);
    const off = (body: unknown) => h.call('POST', '/api/v1/me/two-factor/disable', { token: accessToken, body });
    expectProblem(await off({ password: 'Wrong-Pass-9!', code: await codeNow(p.secret) }), 401, 'invalid_credentials');
    expectProblem(await off({ password: STRONG_PASSWORD, code: '000000' }), 401, 'invalid_two_factor_code');
    expectProblem(await off({ password: STRONG_PASSWORD }), 400, 'validation_failed');
    expect((await off({ password: STRONG_PASSWORD, code: await codeNow(p.secret) })).status).toBe(204);
    expect(SessionResponse.safeParse((await h.call('POST', '/api/v1/session', { body: { email: p.email, password: STRONG_PASSWORD } })).body).success).toBe(
      true,
    );
    expect(await h.db.selectFrom('two_factor_backup_codes').select('code_hash').where('user_id', '=', p.id).execute()).toEqual([]);
    const audit = await h.call('GET', `/api/v1/accounts/${p.accountId}/audit`, { token: accessToken });
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toContain('two_factor.disabled');
  });
});
