/**
 * Names, companies, addresses and ticket subjects are shown in mails, lists and the panel: the
 * security review stored U+202E and friends in them (display spoofing), and names took CR/LF,
 * ESC, BEL, zero-width-only values and lone surrogates (issue 14 §4). Direction controls are
 * removed at the boundary; what can never be such text is refused with 422 `invalid_characters`.
 * One case per kind of field: a login's name (sign-up, /me, admin, managed users), an account's
 * name, a contact's name and address lines, a ticket's subject and message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, linkIn } from './fixtures/browser.js';
import { expectProblem, type Harness, startHarness, STRONG_PASSWORD } from './harness.js';

/** Reads as "Invoice exe.pdf" on screen once U+202E reverses what follows. */
const SPOOFED = 'Invoice \u202Efdp.exe\u202C \u2066Ltd\u2069\u200E';
const UNSPOOFED = 'Invoice fdp.exe Ltd';

/** What a single-line field refuses, each with the sentence that explains it. */
const REFUSED: [label: string, value: string, sentence: RegExp][] = [
  ['CR/LF', 'Mallory\r\nBcc: all@example.com', /line break or a control character/],
  ['ESC', 'Mallory \u001B[31mred', /line break or a control character/],
  ['BEL', 'Mallory\u0007', /line break or a control character/],
  ['U+2028', 'Mallory\u2028Eve', /line break or a control character/],
  ['zero-width only', '\u200B\u200C\u200D\u2060\uFEFF', /only invisible characters/],
  ['lone surrogate', 'Mallory \uD800', /broken character/],
];

let h: Harness;
let ownerToken: string;
let accountId: string;

beforeAll(async () => {
  h = await startHarness();
  await h.createLogin('owner@shop.example', 'Olga Owner');
  accountId = (await h.admin('/accounts', { name: 'Shop', ownerEmail: 'owner@shop.example' })).id;
  ownerToken = (await h.signIn('owner@shop.example')).accessToken;
});
afterAll(async () => h?.close());

/** Every refusal is the 422 problem with the sentence, and nothing of it is stored. */
async function expectRefusals(send: (value: string, n: number) => Promise<{ status: number; type: string; body: any }>, stored: () => Promise<unknown>) {
  const before = await stored();
  for (const [n, [label, value, sentence]] of REFUSED.entries()) {
    const res = await send(value, n);
    expectProblem(res, 422, 'invalid_characters');
    expect(res.body.detail, label).toMatch(sentence);
  }
  expect(await stored()).toEqual(before);
}

describe('a login name', () => {
  it('loses its direction controls at sign-up and in PATCH /me', async () => {
    const signup = await h.call('POST', '/api/v1/signup', { body: { email: 'spoof@example.com', name: SPOOFED, password: STRONG_PASSWORD } });
    // A plain sign-up hands out no tokens (its answer must not tell a new email from a taken one): sign in.
    expect(signup.status).toBe(202);
    const { accessToken } = await h.signIn('spoof@example.com');
    const me = await h.call('GET', '/api/v1/me', { token: accessToken });
    expect(me.body.name).toBe(UNSPOOFED);
    const renamed = await h.call('PATCH', '/api/v1/me', { token: accessToken, body: { name: '\u202BSara\u202C' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Sara');
  });

  it('is refused with control characters, nothing visible or a broken character, at sign-up, in /me and from the admin', async () => {
    const users = () => h.db.selectFrom('users').select(['email', 'name']).orderBy('email').execute();
    await expectRefusals((name, n) => h.call('POST', '/api/v1/signup', { body: { email: `refused${n}@example.com`, name, password: STRONG_PASSWORD } }), users);
    await expectRefusals((name) => h.call('PATCH', '/api/v1/me', { token: ownerToken, body: { name } }), users);
    await expectRefusals(
      (name, n) =>
        h.call('POST', '/api/v1/admin/users', { token: h.server.adminKey, body: { email: `admin${n}@example.com`, name, password: STRONG_PASSWORD } }),
      users,
    );
  });

  it('of a managed user is cleaned and refused alike', async () => {
    const managed = (name: string, email: string) =>
      h.call('POST', `/api/v1/accounts/${accountId}/managed-users`, {
        token: ownerToken,
        body: { sendActivation: false, users: [{ name, email, permissions: ['tickets'] }] },
      });
    const created = await managed(SPOOFED, 'nora@shop.example');
    expect(created.status).toBe(201);
    expect(created.body.items[0].name).toBe(UNSPOOFED);
    await expectRefusals(
      (name, n) => managed(name, `managed${n}@shop.example`),
      () => h.db.selectFrom('users').select('email').orderBy('email').execute(),
    );
  });

  it('keeps what belongs to a name: accents, other scripts, joiners inside emoji and words', async () => {
    for (const name of ['José Müller-Łukasiewicz', 'Mehr\u200Cdad', 'Family 👩\u200D👩\u200D👧', '山田 太郎', 'عمر']) {
      const res = await h.call('PATCH', '/api/v1/me', { token: ownerToken, body: { name } });
      expect(res.status, name).toBe(200);
      expect(res.body.name).toBe(name);
    }
  });
});

describe('an account name', () => {
  it('is cleaned and refused alike by the admin API', async () => {
    const created = await h.admin('/accounts', { name: SPOOFED, ownerEmail: 'owner@shop.example' });
    expect(created.name).toBe(UNSPOOFED);
    await expectRefusals(
      (name) => h.call('POST', '/api/v1/admin/accounts', { token: h.server.adminKey, body: { name, ownerEmail: 'owner@shop.example' } }),
      () => h.db.selectFrom('accounts').select('name').orderBy('id').execute(),
    );
  });
});

describe('a contact', () => {
  const contacts = () => h.db.selectFrom('contacts').selectAll().orderBy('id').execute();
  const create = (fields: Record<string, string>) =>
    h.call('POST', `/api/v1/accounts/${accountId}/contacts`, { token: ownerToken, body: { name: 'Carl Contact', email: 'carl@example.com', ...fields } });

  it('loses direction controls in its name, company and address lines', async () => {
    const res = await create({ name: SPOOFED, company: SPOOFED, address1: '\u202EStreet 1', city: 'Roma\u200F' });
    expect(res.status).toBe(201);
    expect([res.body.name, res.body.company, res.body.address1, res.body.city]).toEqual([UNSPOOFED, UNSPOOFED, 'Street 1', 'Roma']);
  });

  it('is refused with control characters in its company or address, and an empty company stays allowed', async () => {
    await expectRefusals((company) => create({ company }), contacts);
    await expectRefusals((address2) => create({ address2 }), contacts);
    expect((await create({ company: '' })).status).toBe(201);
  });
});

describe('a ticket', () => {
  const tickets = () => h.db.selectFrom('tickets').selectAll().orderBy('id').execute();
  const open = (subject: string, body: string) => h.call('POST', `/api/v1/accounts/${accountId}/tickets`, { token: ownerToken, body: { subject, body } });

  it('keeps line breaks and tabs in its message, and loses direction controls in subject and message', async () => {
    const res = await open(SPOOFED, 'Hello,\n\tthe \u202Eeliforp\u202C page fails.\r\nThanks');
    expect(res.status).toBe(201);
    expect(res.body.subject).toBe(UNSPOOFED);
    expect(res.body.body).toBe('Hello,\n\tthe eliforp page fails.\r\nThanks');
  });

  it('is refused with control characters in its subject, and in its message other than tabs and line breaks', async () => {
    await expectRefusals((subject) => open(subject, 'A message'), tickets);
    for (const body of ['Ring \u0007', 'Colour \u001B[31m', '\u200B\u200B', 'half \uDC00']) {
      expectProblem(await open('Subject', body), 422, 'invalid_characters');
    }
    expect(await tickets()).toHaveLength(1);
  });
});

describe('the panel', () => {
  it('refuses a ticket subject with a line break, saying why, and keeps the form filled in', async () => {
    const b = new Browser(h.server.url);
    await b.get('/panel/sign-in');
    await b.post('/panel/sign-in', { email: 'owner@shop.example', password: STRONG_PASSWORD });
    await b.get(`/panel/accounts/${accountId}/tickets`);
    const before = await h.db.selectFrom('tickets').select('id').execute();
    const refused = await b.post(`/panel/accounts/${accountId}/tickets`, { subject: 'Help\r\nBcc: all', body: 'Please.' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('The text holds a line break or a control character');
    expect(refused.html).toContain('Please.');
    expect(await h.db.selectFrom('tickets').select('id').execute()).toEqual(before);
    const spoofed = await b.post(`/panel/accounts/${accountId}/tickets`, { subject: '\u202Efdp.exe', body: 'Please.' });
    expect(spoofed.status).toBe(303);
    expect((await b.get(spoofed.location!)).html).toContain('<h1>fdp.exe</h1>');
  });

  it('refuses an invisible name when signing up from an invitation', async () => {
    const invited = await h.call('POST', `/api/v1/accounts/${accountId}/invitations`, {
      token: ownerToken,
      body: { email: 'ivy@example.com', permissions: ['tickets'] },
    });
    expect(invited.status).toBe(201);
    const [mail] = await h.db.selectFrom('outbox').select('text').where('to_address', '=', 'ivy@example.com').execute();
    const link = linkIn(mail?.text ?? '', '/panel/invitations/accept');
    const b = new Browser(h.server.url);
    await b.get(link);
    const token = new URL(link, h.server.url).searchParams.get('token') ?? '';
    const refused = await b.post('/panel/invitations/accept/sign-up', { token, name: '\u200B\u200D', password: STRONG_PASSWORD, confirm: STRONG_PASSWORD });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('The text holds only invisible characters');
    expect(await h.db.selectFrom('users').select('id').where('email', '=', 'ivy@example.com').execute()).toEqual([]);
    const done = await b.post('/panel/invitations/accept/sign-up', { token, name: '\u202EIvy', password: STRONG_PASSWORD, confirm: STRONG_PASSWORD });
    expect(done.status).toBe(303);
    expect(await h.db.selectFrom('users').select('name').where('email', '=', 'ivy@example.com').execute()).toEqual([{ name: 'Ivy' }]);
  });
});
