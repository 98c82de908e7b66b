/**
 * Sign-up does not reveal whether an email has a login: without an invitation token the answer is
 * the same for a new and a taken email, and the owner of the taken one is told by mail instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignupAccepted } from '../../../src-shared/api/team.js';
import { LIMITS } from '../../../src-server/domain/limits.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import { lastMail, outbox } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.createLogin('taken@example.com', 'Tess Taken');
});
afterAll(() => h.close());

async function signUp(email: string) {
  const res = await fetch(`${h.server.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Someone', password: 'Other-Password-31' }),
  });
  const body = SignupAccepted.parse(await res.json());
  return { status: res.status, type: res.headers.get('content-type'), body: { ...body, email: '(email)', message: body.message.replace(email, '(email)') } };
}

describe('sign-up without an invitation', () => {
  it('answers a taken email exactly like a new one', async () => {
    const taken = await signUp('taken@example.com');
    const fresh = await signUp('brand-new@example.com');
    expect(taken).toEqual(fresh);
    expect(fresh.status).toBe(202);
  });

  it('leaves the existing login untouched and mails its owner; the new email gets its confirmation', async () => {
    const before = await h.db.selectFrom('users').selectAll().where('email', '=', 'taken@example.com').executeTakeFirstOrThrow();
    await signUp('taken@example.com');
    const after = await h.db.selectFrom('users').selectAll().where('email', '=', 'taken@example.com').executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // The owner's own password still works; the one the stranger chose does not.
    expect((await h.signIn('taken@example.com', STRONG_PASSWORD)).user.email).toBe('taken@example.com');
    const tried = await h.call('POST', '/api/v1/session', { body: { email: 'taken@example.com', password: 'Other-Password-31' } });
    expect(tried.status).toBe(401);

    const notice = await lastMail(h, 'taken@example.com');
    expect(notice).toMatchObject({ template: 'sign_up_attempt', subject: 'Someone tried to sign up with your address' });
    expect(notice.text).toContain('Hello Tess Taken');
    expect(notice.text).toContain('/panel/sign-in');
    expect((await lastMail(h, 'brand-new@example.com')).template).toBe('email_verification');
  });

  it('sends the owner at most a few notices an hour, answering the same all the while', async () => {
    await h.createLogin('often@example.com', 'Often');
    for (let i = 0; i < LIMITS.signUpAttemptMailsPerLogin.max + 2; i++) {
      h.advance(1000);
      expect((await signUp('often@example.com')).status).toBe(202);
    }
    expect((await outbox(h, 'often@example.com')).filter((m) => m.template === 'sign_up_attempt')).toHaveLength(LIMITS.signUpAttemptMailsPerLogin.max);
  });
});
