/**
 * Customer numbers cannot be enumerated: inviting an unknown number answers exactly like a real
 * one (only the real one gets a mail), such invitations are limited per login, and new numbers
 * are random five-digit numbers rather than the next in a sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutgoingInvitation } from '../../../src-shared/api/team.js';
import { LIMITS } from '../../../src-server/domain/limits.js';
import { drawCustomerNumber } from '../../../src-server/domain/users.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, outbox, person, type Person } from './scenario.js';

let h: Harness;
let owner: Person;
let accountId: string;
beforeAll(async () => {
  h = await startHarness();
  owner = await person(h, 'numbers-owner');
  accountId = await accountOf(h, owner, 'Numbers Shop');
});
afterAll(() => h.close());

const inviteNumber = (customerNumber: string, token = owner.token, account = accountId) =>
  fetch(`${h.server.url}/api/v1/accounts/${account}/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customerNumber, consent: true, permissions: ['tickets'] }),
  });

/** What an answer lets the caller compare: status, headers that vary by case, and the body without its own ids and times. */
async function shapeOf(res: Response) {
  const body = OutgoingInvitation.parse(await res.json());
  const { id: _id, customerNumber, createdAt: _c, sentAt: _s, expiresAt: _e, consent, ...rest } = body;
  // The consent quotes the number the inviter typed: the same words around it either way.
  const consentShape = consent && { ...consent, text: consent.text.replace(customerNumber ?? '', '{number}') };
  return { status: res.status, type: res.headers.get('content-type'), rest, consent: consentShape };
}

describe('inviting by customer number', () => {
  it('answers an unknown number exactly like a real one, and mails only the real one', async () => {
    const real = await person(h, 'numbers-real');
    const unknown = real.customerNumber === '99999' ? '99998' : '99999';
    const mailsBefore = await outbox(h);
    const toReal = await shapeOf(await inviteNumber(real.customerNumber));
    const toUnknown = await shapeOf(await inviteNumber(unknown));
    expect(toUnknown).toEqual(toReal);
    expect(toReal.status).toBe(201);
    const mailsAfter = await outbox(h);
    expect(mailsAfter.length).toBe(mailsBefore.length + 1);
    expect(mailsAfter[0]).toMatchObject({ to: real.email, template: 'invitation' });
  });

  it('limits invitations by customer number per login, answering 429 with Retry-After', async () => {
    const guesser = await person(h, 'numbers-guesser');
    const shops = [await accountOf(h, guesser, 'Guess One'), await accountOf(h, guesser, 'Guess Two')];
    for (let i = 0; i < LIMITS.customerNumberInvitationsPerUser.max; i++) {
      // Spread over two accounts: the limit follows the login, not one account.
      expect((await inviteNumber(String(50_000 + i), guesser.token, shops[i % 2])).status).toBe(201);
    }
    const refused = await inviteNumber('60000', guesser.token, shops[0]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('rate_limited');
    // Other logins are not affected, and inviting by email does not count towards it.
    expect((await inviteNumber('60001')).status).toBe(201);
    const byEmail = await h.call('POST', `/api/v1/accounts/${shops[0]}/invitations`, {
      token: guesser.token,
      body: { email: 'someone@example.com', permissions: ['tickets'] },
    });
    expect(byEmail.status).toBe(201);
  });

  it('still refuses a number that already has access, as before', async () => {
    const member = await person(h, 'numbers-member');
    expect((await inviteNumber(member.customerNumber)).status).toBe(201);
    const again = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
      token: owner.token,
      body: { customerNumber: member.customerNumber, consent: true, permissions: ['tickets'] },
    });
    expectProblem(again, 409, 'conflict');
  });
});

describe('new customer numbers', () => {
  it('are five-digit, distinct and not sequential', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 25; i++) numbers.push(Number((await h.createLogin(`numbered-${i}@example.com`, 'Numbered')).customerNumber));
    for (const n of numbers) expect(String(n)).toMatch(/^[1-9][0-9]{4}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
    const steps = numbers.slice(1).map((n, i) => n - numbers[i]!);
    // Sequential numbers would step by one every time; random ones almost never do.
    expect(steps.filter((s) => s === 1).length).toBeLessThan(3);
  });

  it('draws again when a drawn number is taken', async () => {
    const taken = (await h.createLogin('taken-number@example.com', 'Taken')).customerNumber;
    const free = taken === '54321' ? 54_322 : 54_321;
    const draws = [Number(taken), Number(taken), free];
    const number = await drawCustomerNumber(h.db, () => draws.shift()!);
    expect(number).toBe(String(free));
    expect(draws).toEqual([]);
  });
});
