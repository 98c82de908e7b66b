/**
 * Shared steps of the workflow suites: accounts with an owner, people with a login and a grant,
 * and reading mails (and the links in them) out of the outbox through the admin API.
 */
import { generate } from 'otplib';
import { expect } from 'vitest';
import { SessionResponse } from '../../../src-shared/api/session.js';
import type { Permission } from '../../../src-shared/api/permissions.js';
import { OutboxPage, type OutboxMessage } from '../../../src-shared/api/mail.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { type Harness, STRONG_PASSWORD, startHarness } from './harness.js';
import type { GrantRole } from '../../../src-shared/api/primitives.js';

export const DAY = 86_400_000;

export interface Person {
  id: string;
  email: string;
  customerNumber: string;
  token: string;
}

let counter = 0;

/** A login with a fresh session. */
export async function person(h: Harness, label: string): Promise<Person> {
  const email = `${label}-${++counter}@example.com`;
  const created = await h.createLogin(email, label.charAt(0).toUpperCase() + label.slice(1));
  const { accessToken } = await h.signIn(email);
  return { id: created.id, email, customerNumber: created.customerNumber, token: accessToken };
}

/** An account owned by `owner`. */
export async function accountOf(h: Harness, owner: Person, name = `Account ${++counter}`): Promise<string> {
  return (await h.admin('/accounts', { name, ownerEmail: owner.email })).id as string;
}

/** A fresh client area with one owner and the account it owns: the starting point of most suites. */
export async function ownedAccount(name: string): Promise<{ h: Harness; owner: Person; accountId: string }> {
  const h = await startHarness();
  const owner = await person(h, 'owner');
  return { h, owner, accountId: await accountOf(h, owner, name) };
}

/** Gives `who` a grant directly in the store (the setup of a test, not what it checks). */
export async function grant(
  h: Harness,
  accountId: string,
  who: Person,
  role: GrantRole,
  permissions: readonly Permission[],
  scope: { services?: string[]; domains?: string[] } | null = null,
) {
  await insertMembership(h.db, h.now(), { accountId, userId: who.id, role, permissions, scope });
}

/** Mails in the outbox, newest first, optionally only those to one address. */
export async function outbox(h: Harness, to?: string): Promise<OutboxMessage[]> {
  const res = await h.call('GET', `/api/v1/admin/outbox?limit=1000${to ? `&to=${encodeURIComponent(to)}` : ''}`, { token: h.server.adminKey });
  expect(res.status).toBe(200);
  return OutboxPage.parse(res.body).items;
}

/** The newest mail to an address, failing clearly when there is none. */
export async function lastMail(h: Harness, to: string): Promise<OutboxMessage> {
  const [mail] = await outbox(h, to);
  if (!mail) throw new Error(`no mail to ${to} in the outbox`);
  return mail;
}

/** The token of the panel link (`/panel/...?token=`) in a mail. */
export function tokenIn(mail: OutboxMessage, path: string): string {
  const match = new RegExp(`${path.replaceAll('/', '\\/')}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${path} link in the mail "${mail.subject}": ${mail.text}`);
  return decodeURIComponent(match[1]);
}

/** Turns two-factor sign-in on for a login and answers a fresh session signed in with both factors. */
export async function enrolTwoFactor(h: Harness, who: Person): Promise<string> {
  const enrolment = await h.call('POST', '/api/v1/me/two-factor/enrolment', { token: who.token });
  const secret = enrolment.body.secret as string;
  const code = () => generate({ secret, epoch: Math.floor(h.now().getTime() / 1000) });
  expect((await h.call('POST', '/api/v1/me/two-factor/confirmation', { token: who.token, body: { code: await code() } })).status).toBe(200);
  h.advance(30_000);
  const challenge = await h.call('POST', '/api/v1/session', { body: { email: who.email, password: STRONG_PASSWORD } });
  const done = await h.call('POST', '/api/v1/session/two-factor', { body: { challengeToken: challenge.body.challengeToken, code: await code() } });
  return SessionResponse.parse(done.body).accessToken;
}
