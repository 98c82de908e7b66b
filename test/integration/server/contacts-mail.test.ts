import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contact, ContactList } from '../../../src-shared/api/contacts.js';
import { OutgoingInvitation } from '../../../src-shared/api/team.js';
import { startClientArea } from '../../../src-server/server.js';
import { expectProblem, type Harness, STRONG_PASSWORD } from './harness.js';
import { DAY, grant, outbox, ownedAccount, person, type Person } from './scenario.js';

const contact = (name: string, email: string, preferences: Record<string, boolean>) => ({
  name,
  email,
  company: 'Studio Test',
  address1: 'Via Roma 1',
  city: 'Milano',
  postcode: '20121',
  country: 'it',
  phone: '+39 02 1234',
  preferences: { general: false, services: false, domains: false, billing: false, support: false, ...preferences },
});

describe('contacts and the mails they get', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Trattoria Verdi'));
  });
  afterAll(() => h.close());

  const contacts = `/api/v1/accounts/${'ACC'}/contacts`;
  const path = (rest = '') => contacts.replace('ACC', accountId) + rest;

  it('creates, lists, changes and deletes contacts with their mail preferences', async () => {
    const created = await h.call('POST', path(), { token: owner.token, body: contact('Anna Conti', 'Anna@Conti.example', { billing: true }) });
    expect(created.status).toBe(201);
    const anna = Contact.parse(created.body);
    expect(anna).toMatchObject({ email: 'anna@conti.example', country: 'IT', city: 'Milano', preferences: { billing: true, general: false } });
    const minimal = await h.call('POST', path(), { token: owner.token, body: { name: 'Bare', email: 'bare@example.com' } });
    expect(minimal.body.preferences).toEqual({ general: true, services: false, domains: false, billing: false, support: false });

    const changed = await h.call('PATCH', path(`/${anna.id}`), { token: owner.token, body: { phone: '+39 333 000', preferences: { support: true } } });
    expect(changed.body).toMatchObject({ phone: '+39 333 000', preferences: { billing: true, support: true } });
    expectProblem(await h.call('PATCH', path(`/${anna.id}`), { token: owner.token, body: { country: 'Italy' } }), 400, 'validation_failed');
    expectProblem(await h.call('POST', path(), { token: owner.token, body: { name: 'No Mail' } }), 400, 'validation_failed');

    const list = ContactList.parse((await h.call('GET', path(), { token: owner.token })).body);
    expect(list.items.map((c) => c.name)).toEqual(['Anna Conti', 'Bare']);
    expect((await h.call('DELETE', path(`/${minimal.body.id}`), { token: owner.token })).status).toBe(204);
    expectProblem(await h.call('DELETE', path(`/${minimal.body.id}`), { token: owner.token }), 404, 'not_found');
    expect(ContactList.parse((await h.call('GET', path(), { token: owner.token })).body).items).toHaveLength(1);
  });

  it('needs contacts.manage; members without it and outsiders are refused', async () => {
    const helper = await person(h, 'helper');
    const plain = await person(h, 'plain');
    await grant(h, accountId, helper, 'member', ['contacts.manage']);
    await grant(h, accountId, plain, 'member', ['tickets']);
    expect((await h.call('POST', path(), { token: helper.token, body: contact('By Helper', 'byhelper@example.com', {}) })).status).toBe(201);
    expectProblem(await h.call('GET', path(), { token: plain.token }), 403, 'forbidden');
    expectProblem(await h.call('POST', path(), { token: plain.token, body: contact('X', 'x@example.com', {}) }), 403, 'forbidden');
    expectProblem(await h.call('GET', path(), { token: (await person(h, 'outsider')).token }), 404, 'not_found');
  });

  it('routes each kind of mail to the owner and the contacts who chose it: an invoice reaches billing contacts and no one else', async () => {
    for (const [name, email, prefs] of [
      ['Bea Billing', 'bea@billing.example', { billing: true }],
      ['Sam Support', 'sam@support.example', { support: true }],
      ['Gus General', 'gus@general.example', { general: true }],
      ['Bill Both', 'bill@both.example', { billing: true, domains: true }],
    ] as const) {
      expect((await h.call('POST', path(), { token: owner.token, body: contact(name, email, prefs) })).status).toBe(201);
    }
    h.advance(1000);
    const since = h.now().toISOString();
    await h.admin(`/accounts/${accountId}/invoices`, { amountCents: 12_345, dueAt: new Date(h.now().getTime() + 14 * DAY).toISOString() });
    const invoiceMails = (await outbox(h)).filter((m) => m.createdAt >= since && m.template === 'invoice');
    expect(invoiceMails.map((m) => m.to).sort()).toEqual(['anna@conti.example', 'bea@billing.example', 'bill@both.example', owner.email].sort());
    expect(invoiceMails.every((m) => m.kind === 'billing' && m.accountId === accountId && m.text.includes('123.45 EUR'))).toBe(true);

    h.advance(1000);
    const later = h.now().toISOString();
    await h.call('POST', `/api/v1/accounts/${accountId}/tickets`, { token: owner.token, body: { subject: 'Printer on fire', body: 'Really.' } });
    await h.admin(`/accounts/${accountId}/domains`, { name: 'verdi.example', expiresAt: new Date(h.now().getTime() + 300 * DAY).toISOString() });
    const mails = (await outbox(h)).filter((m) => m.createdAt >= later);
    expect(
      mails
        .filter((m) => m.template === 'ticket_opened')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['anna@conti.example', owner.email, 'sam@support.example'].sort());
    expect(
      mails
        .filter((m) => m.template === 'domain_added')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['bill@both.example', owner.email].sort());
  });

  it('writes mails in the recipient’s language (the owner’s for contacts)', async () => {
    expect(
      (await h.call('PATCH', '/api/v1/me', { token: owner.token, body: { language: 'it', notificationEmail: 'Ufficio@Verdi.example' } })).body,
    ).toMatchObject({ language: 'it', notificationEmail: 'ufficio@verdi.example' });
    h.advance(1000);
    const since = h.now().toISOString();
    await h.admin(`/accounts/${accountId}/invoices`, { amountCents: 500, dueAt: h.now().toISOString() });
    const mails = (await outbox(h)).filter((m) => m.createdAt >= since);
    expect(mails.map((m) => m.to)).toContain('ufficio@verdi.example');
    expect(mails.map((m) => m.to)).not.toContain(owner.email);
    for (const m of mails) {
      expect(m.language).toBe('it');
      expect(m.subject).toBe('Nuova fattura per Trattoria Verdi');
    }
    expectProblem(await h.call('PATCH', '/api/v1/me', { token: owner.token, body: { language: 'de' } }), 400, 'validation_failed');
  });

  it('promotes a contact: an invitation to their email with the chosen grant', async () => {
    const list = ContactList.parse((await h.call('GET', path(), { token: owner.token })).body);
    const bea = list.items.find((c) => c.email === 'bea@billing.example')!;
    const res = await h.call('POST', path(`/${bea.id}/promote`), { token: owner.token, body: { permissions: ['billing.invoices', 'billing.quotes'] } });
    expect(res.status).toBe(201);
    expect(OutgoingInvitation.parse(res.body)).toMatchObject({
      email: 'bea@billing.example',
      kind: 'contact_promotion',
      status: 'pending',
      permissions: ['billing.invoices', 'billing.quotes'],
    });
    const [mail] = await outbox(h, 'bea@billing.example');
    expect(mail).toMatchObject({ template: 'invitation', language: 'it' });
    expectProblem(await h.call('POST', path(`/${bea.id}/promote`), { token: owner.token, body: { permissions: ['tickets'] } }), 409, 'conflict');
    const helper = await person(h, 'contactsonly');
    await grant(h, accountId, helper, 'member', ['contacts.manage']);
    expectProblem(await h.call('POST', path(`/${bea.id}/promote`), { token: helper.token, body: { permissions: ['tickets'] } }), 403, 'forbidden');
    const actions = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token })).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['contact.created', 'contact.updated', 'contact.deleted', 'contact.promoted']));
  });
});

describe('SMTP delivery', () => {
  let smtp: Server;
  const received: { from: string; to: string[]; data: string }[] = [];

  beforeAll(async () => {
    // A minimal SMTP server: enough of RFC 5321 for nodemailer to hand a message over.
    smtp = createServer((socket) => {
      let buffer = '';
      let inData = false;
      let current = { from: '', to: [] as string[], data: '' };
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let eol: number;
        while ((eol = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              received.push(current);
              current = { from: '', to: [], data: '' };
              socket.write('250 queued\r\n');
            } else current.data += `${line}\n`;
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250-test\r\n250 8BITMIME\r\n');
          else if (verb === 'MAIL') {
            current.from = line;
            socket.write('250 ok\r\n');
          } else if (verb === 'RCPT') {
            current.to.push(line);
            socket.write('250 ok\r\n');
          } else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go on\r\n');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('hands every stored mail to SMTP when SMTP_URL is set, and marks it delivered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientarea-smtp-'));
    const port = (smtp.address() as { port: number }).port;
    const server = await startClientArea({ databaseFile: join(dir, 'db.sqlite'), databaseUrl: '', adminKey: 'k', smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      const post = (p: string, body: unknown) =>
        fetch(`${server.url}/api/v1/admin${p}`, {
          method: 'POST',
          headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      await post('/users', { email: 'boss@smtp.example', name: 'Boss', password: STRONG_PASSWORD });
      const account = await (await post('/accounts', { name: 'Mail Co', ownerEmail: 'boss@smtp.example' })).json();
      expect((await post(`/accounts/${account.id}/invoices`, { amountCents: 100, dueAt: '2030-01-01T00:00:00Z' })).status).toBe(201);
      let delivered: { deliveredAt: string | null }[] = [];
      for (let i = 0; i < 100 && !delivered[0]?.deliveredAt; i++) {
        await new Promise((r) => setTimeout(r, 20));
        delivered = (await (await fetch(`${server.url}/api/v1/admin/outbox`, { headers: { authorization: 'Bearer k' } })).json()).items;
      }
      expect(delivered[0]?.deliveredAt).toBeTruthy();
      expect(received).toHaveLength(1);
      expect(received[0]!.to[0]).toContain('boss@smtp.example');
      expect(received[0]!.data).toContain('Subject: New invoice for Mail Co');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
