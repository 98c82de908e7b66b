import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket, TicketList } from '../../../src-shared/api/activity.js';
import { Account } from '../../../src-shared/api/accounts.js';
import { DomainList, Service, ServiceList } from '../../../src-shared/api/services.js';
import { CONSENT_TEXTS, OutgoingInvitation } from '../../../src-shared/api/team.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, DAY, grant, lastMail, person, type Person, tokenIn } from './scenario.js';

describe('tickets, services and domains as each grant sees them', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;
  const services: Record<string, string> = {};
  const domains: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    accountId = await accountOf(h, owner, 'Polar Coffee');
    for (const name of ['Web Hosting', 'Office Licence', 'Mail Pro']) services[name] = (await h.admin(`/accounts/${accountId}/services`, { name })).id;
    const soon = new Date(h.now().getTime() + 10 * DAY).toISOString();
    for (const name of ['polar.example', 'polar-shop.example', 'polar.eu'])
      domains[name] = (await h.admin(`/accounts/${accountId}/domains`, { name, expiresAt: soon })).id;
  });
  afterAll(() => h.close());

  it('records who opened a ticket and marks an authorized user as such', async () => {
    const helper = await person(h, 'helper');
    const silent = await person(h, 'silent');
    await grant(h, accountId, helper, 'member', ['tickets']);
    await grant(h, accountId, silent, 'member', ['services.view']);
    const byOwner = await h.call('POST', `/api/v1/accounts/${accountId}/tickets`, {
      token: owner.token,
      body: { subject: 'Invoice address', body: 'Please update it.' },
    });
    expect(byOwner.status).toBe(201);
    expect(Ticket.parse(byOwner.body)).toMatchObject({ openedAs: 'owner', openedBy: { userId: owner.id, email: owner.email }, status: 'open' });
    h.advance(1000);
    const byHelper = await h.call('POST', `/api/v1/accounts/${accountId}/tickets`, {
      token: helper.token,
      body: { subject: 'Site down', body: 'Since 9:00.' },
    });
    expect(byHelper.body).toMatchObject({ openedAs: 'authorized_user', openedBy: { userId: helper.id, name: 'Helper' } });
    expect((await lastMail(h, owner.email)).text).toContain('Helper (authorized user)');

    const list = TicketList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/tickets`, { token: helper.token })).body);
    expect(list.items.map((t) => [t.subject, t.openedAs])).toEqual([
      ['Site down', 'authorized_user'],
      ['Invoice address', 'owner'],
    ]);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/tickets`, { token: silent.token }), 403, 'forbidden');
    expectProblem(await h.call('POST', `/api/v1/accounts/${accountId}/tickets`, { token: silent.token, body: { subject: 'x', body: 'y' } }), 403, 'forbidden');
    expectProblem(
      await h.call('POST', `/api/v1/accounts/${accountId}/tickets`, { token: helper.token, body: { subject: '', body: 'y' } }),
      400,
      'validation_failed',
    );
    expect((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: owner.token })).body.summary.openTickets).toBe(2);
  });

  it('a scoped member sees only the services and domains in scope, in lists and in summary counts', async () => {
    const scoped = await person(h, 'scoped');
    await grant(h, accountId, scoped, 'member', ['services.view', 'domains.view'], { services: [services['Office Licence']!], domains: ['polar.eu'] });
    const svc = ServiceList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/services`, { token: scoped.token })).body);
    expect(svc.items.map((s) => s.name)).toEqual(['Office Licence']);
    const dom = DomainList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/domains`, { token: scoped.token })).body);
    expect(dom.items.map((d) => d.name)).toEqual(['polar.eu']);
    const account = Account.parse((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: scoped.token })).body);
    expect(account.summary).toEqual({ services: 1, domainsExpiringSoon: 1, unpaidInvoices: 0, openTickets: 0 });
    const full = Account.parse((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: owner.token })).body);
    expect(full.summary).toMatchObject({ services: 3, domainsExpiringSoon: 3 });

    const servicesOnly = await person(h, 'servicesonly');
    await grant(h, accountId, servicesOnly, 'member', ['services.view', 'domains.view'], { services: [services['Web Hosting']!] });
    expect((await h.call('GET', `/api/v1/accounts/${accountId}/domains`, { token: servicesOnly.token })).body.items).toEqual([]);
    const noView = await person(h, 'noview');
    await grant(h, accountId, noView, 'member', ['tickets']);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/services`, { token: noView.token }), 403, 'forbidden');
    expect(Account.parse((await h.call('GET', `/api/v1/accounts/${accountId}`, { token: noView.token })).body).summary).toMatchObject({
      services: 0,
      domainsExpiringSoon: 0,
    });
  });

  it('pages services by cursor', async () => {
    const first = ServiceList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/services?limit=2`, { token: owner.token })).body);
    expect(first.items.map((s) => s.name)).toEqual(['Mail Pro', 'Office Licence']);
    const second = ServiceList.parse(
      (await h.call('GET', `/api/v1/accounts/${accountId}/services?limit=2&cursor=${first.nextCursor}`, { token: owner.token })).body,
    );
    expect(second).toMatchObject({ items: [{ name: 'Web Hosting' }], nextCursor: null });
  });

  it('assigns a service (a licence) to a user with access, and unassigns it', async () => {
    const colleague = await person(h, 'colleague');
    await grant(h, accountId, colleague, 'member', ['services.view']);
    const path = `/api/v1/accounts/${accountId}/services/${services['Office Licence']}/assignee`;
    const res = await h.call('POST', path, { token: owner.token, body: { userId: colleague.id } });
    expect(res.status).toBe(200);
    expect(Service.parse(res.body).assignee).toEqual({ userId: colleague.id, name: 'Colleague', email: colleague.email });
    const listed = ServiceList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/services`, { token: colleague.token })).body);
    expect(listed.items.find((s) => s.name === 'Office Licence')?.assignee?.userId).toBe(colleague.id);
    expectProblem(await h.call('POST', path, { token: colleague.token, body: { userId: colleague.id } }), 403, 'forbidden');
    expectProblem(await h.call('POST', path, { token: owner.token, body: { userId: (await person(h, 'stranger')).id } }), 404, 'not_found');
    expectProblem(
      await h.call('POST', `/api/v1/accounts/${accountId}/services/svc_missing/assignee`, { token: owner.token, body: { userId: null } }),
      404,
      'not_found',
    );
    expect((await h.call('POST', path, { token: owner.token, body: { userId: null } })).body.assignee).toBeNull();
    const audit = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token })).body.items;
    expect(audit[0]).toMatchObject({ action: 'service.assigned', details: { userId: null } });
  });

  it('hands one domain to another customer by customer number: a grant with domains.manage on that domain only', async () => {
    const webmaster = await person(h, 'webmaster');
    const path = `/api/v1/accounts/${accountId}/domains/${domains['polar-shop.example']}/delegations`;
    expectProblem(await h.call('POST', path, { token: owner.token, body: { customerNumber: webmaster.customerNumber } }), 400, 'validation_failed');
    const res = await h.call('POST', path, { token: owner.token, body: { customerNumber: webmaster.customerNumber, consent: true } });
    expect(res.status).toBe(201);
    const inv = OutgoingInvitation.parse(res.body);
    expect(inv).toMatchObject({
      kind: 'domain_delegation',
      role: 'member',
      permissions: ['domains.view', 'domains.manage'],
      scope: { domains: [domains['polar-shop.example']] },
    });
    expect(inv.consent?.text).toBe(
      CONSENT_TEXTS.domainDelegation
        .replace('{domain}', 'polar-shop.example')
        .replace('{account}', 'Polar Coffee')
        .replace('{customerNumber}', webmaster.customerNumber),
    );
    const mail = await lastMail(h, webmaster.email);
    expect(mail).toMatchObject({ template: 'domain_delegation' });
    expect(mail.subject).toContain('polar-shop.example');
    const token = tokenIn(mail, '/panel/invitations/accept');
    const accepted = await h.call('POST', '/api/v1/invitations/redeem', { token: webmaster.token, body: { token } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.account).toMatchObject({ role: 'member', permissions: ['domains.view', 'domains.manage'] });
    const visible = DomainList.parse((await h.call('GET', `/api/v1/accounts/${accountId}/domains`, { token: webmaster.token })).body);
    expect(visible.items.map((d) => d.name)).toEqual(['polar-shop.example']);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}/services`, { token: webmaster.token }), 403, 'forbidden');
    expectProblem(await h.call('POST', path, { token: owner.token, body: { customerNumber: webmaster.customerNumber, consent: true } }), 409, 'conflict');
    // Only someone who manages users and domains may hand a domain over.
    const viewer = await person(h, 'viewer');
    await grant(h, accountId, viewer, 'member', ['domains.view']);
    expectProblem(await h.call('POST', path, { token: viewer.token, body: { customerNumber: '10001', consent: true } }), 403, 'forbidden');
  });
});
