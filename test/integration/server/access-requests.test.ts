/**
 * Access requests (issue 9 §4) on the real server and store: asking by customer number and for more
 * permissions, approving with fewer permissions or a narrower scope than asked (never more),
 * declining, answering once, the requester's view of the outcome, the owner's mail and the audit
 * trail, and an unknown customer number that answers exactly like a known one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRequest, AccessRequestList } from '../../../src-shared/api/access-requests.js';
import { expectProblem, type Harness, startHarness } from './harness.js';
import { accountOf, grant, outbox, person, type Person } from './scenario.js';

describe('access requests: ask, approve narrower, decline, see the outcome', () => {
  let h: Harness;
  let owner: Person;
  let requester: Person;
  let member: Person;
  let shop: string;
  let blog: string;

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    requester = await person(h, 'requester');
    member = await person(h, 'member');
    shop = await accountOf(h, owner, 'Bellini Shop');
    blog = await accountOf(h, owner, 'Bellini Blog');
    await grant(h, shop, member, 'member', ['tickets']);
  });
  afterAll(() => h.close());

  const ask = (token: string, body: unknown) => h.call('POST', '/api/v1/access-requests', { token, body });
  const own = async (token: string) => AccessRequestList.parse((await h.call('GET', '/api/v1/access-requests', { token })).body).items;
  const pending = async (accountId: string, token = owner.token) => {
    const res = await h.call('GET', `/api/v1/accounts/${accountId}/access-requests`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return AccessRequestList.parse(res.body).items;
  };
  const approve = (accountId: string, id: string, body: unknown, token = owner.token) =>
    h.call('POST', `/api/v1/accounts/${accountId}/access-requests/${id}/approve`, { token, body });
  const decline = (accountId: string, id: string, token = owner.token) =>
    h.call('POST', `/api/v1/accounts/${accountId}/access-requests/${id}/decline`, { token });
  const membership = (accountId: string, userId: string) =>
    h.db
      .selectFrom('memberships')
      .select(['role', 'permissions', 'scope'])
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  const audit = async (accountId: string) =>
    (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token })).body.items as { action: string; subject: string; details: any }[];

  it('by customer number: shown on each of the owner’s accounts, approved on one with fewer permissions; the requester sees what was given', async () => {
    const created = await ask(requester.token, {
      customerNumber: owner.customerNumber,
      permissions: ['services.view', 'domains.view', 'tickets'],
      message: 'I am the new web developer of Bellini.',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const request = AccessRequest.parse(created.body);
    expect(request).toMatchObject({ status: 'pending', accountId: null, customerNumber: owner.customerNumber, granted: null });
    expect(new Date(request.expiresAt).getTime() - h.now().getTime()).toBe(7 * 86_400_000);
    expect((await pending(shop)).map((r) => r.id)).toEqual([request.id]);
    expect((await pending(blog)).map((r) => r.id)).toEqual([request.id]);
    // The one list a client syncs: everything the owner may answer, once; nothing for a plain member.
    const incoming = async (token: string) => AccessRequestList.parse((await h.call('GET', '/api/v1/access-requests/incoming', { token })).body).items;
    expect((await incoming(owner.token)).map((r) => r.id)).toEqual([request.id]);
    expect(await incoming(member.token)).toEqual([]);

    const [mail] = await outbox(h, owner.email);
    expect(mail?.subject).toBe('Requester asks for access to one of your accounts');
    expect(mail?.text).toContain('I am the new web developer of Bellini.');
    expect(mail?.text).toContain('services.view, domains.view, tickets');

    // Giving more than was asked is refused, and nothing changes.
    expectProblem(await approve(shop, request.id, { permissions: ['tickets', 'billing.invoices'] }), 400, 'validation_failed');
    expect(await membership(shop, requester.id)).toBeUndefined();

    const approved = await approve(shop, request.id, { permissions: ['services.view', 'tickets'] });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(AccessRequest.parse(approved.body)).toMatchObject({
      status: 'approved',
      accountId: shop,
      accountName: 'Bellini Shop',
      granted: { permissions: ['services.view', 'tickets'], scope: null },
    });
    const row = await membership(shop, requester.id);
    expect(row && [row.role, JSON.parse(row.permissions), row.scope]).toEqual(['member', ['services.view', 'tickets'], null]);
    expect(await membership(blog, requester.id)).toBeUndefined();
    // Taken by the shop: no longer open on the blog; the requester sees the outcome.
    expect(await pending(blog)).toEqual([]);
    expect(await incoming(owner.token)).toEqual([]);
    expect((await own(requester.token)).find((r) => r.id === request.id)).toMatchObject({ status: 'approved', accountName: 'Bellini Shop' });
    // A second answer finds it settled.
    expectProblem(await decline(shop, request.id), 409, 'access_request_not_pending');

    const events = await audit(shop);
    expect(events.find((e) => e.action === 'access_request.approved')).toMatchObject({
      subject: requester.email,
      details: { requestId: request.id, asked: ['services.view', 'domains.view', 'tickets'], granted: ['services.view', 'tickets'] },
    });
    expect(events.some((e) => e.action === 'access_request.created' && e.details.requestId === request.id)).toBe(true);
    expect((await audit(blog)).some((e) => e.action === 'access_request.created' && e.details.requestId === request.id)).toBe(true);
  });

  it('a scope asked for can only be narrowed, never widened', async () => {
    const services = [
      (await h.admin(`/accounts/${blog}/services`, { name: 'Hosting A' })).id,
      (await h.admin(`/accounts/${blog}/services`, { name: 'Hosting B' })).id,
    ];
    const someone = await person(h, 'scoped');
    const created = await ask(someone.token, {
      customerNumber: owner.customerNumber,
      permissions: ['services.view'],
      scope: { services },
      message: 'Only the two hosting plans, please.',
    });
    const id = created.body.id as string;
    expectProblem(await approve(blog, id, { scope: null }), 400, 'validation_failed');
    expectProblem(await approve(blog, id, { scope: { services: [...services, 'srv_elsewhere'] } }), 400, 'validation_failed');
    const res = await approve(blog, id, { scope: { services: [services[0]] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await membership(blog, someone.id);
    expect(row && JSON.parse(row.scope ?? 'null')).toEqual({ services: [services[0]] });
  });

  it('more permissions on an account one reaches: added to the grant; an owner or a holder is told so', async () => {
    expectProblem(await ask(member.token, { accountId: shop, permissions: ['tickets'], message: 'Again?' }), 409, 'conflict');
    expectProblem(await ask(owner.token, { accountId: shop, permissions: ['tickets'], message: 'Mine' }), 409, 'conflict');
    const created = await ask(member.token, { accountId: shop, permissions: ['billing.invoices', 'billing.quotes'], message: 'I do the books now.' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ accountId: shop, accountName: 'Bellini Shop', customerNumber: null });
    expectProblem(await ask(member.token, { accountId: shop, permissions: ['billing.quotes'], message: 'Twice' }), 409, 'conflict');
    // An existing grant keeps its scope: the approval cannot set one.
    expectProblem(await approve(shop, created.body.id, { scope: { services: [] } }), 400, 'validation_failed');
    const res = await approve(shop, created.body.id, { permissions: ['billing.invoices'] });
    expect(res.status).toBe(200);
    const row = await membership(shop, member.id);
    expect(row && JSON.parse(row.permissions)).toEqual(['billing.invoices', 'tickets']);
  });

  it('an outsider cannot ask about an account they do not reach, nor answer one', async () => {
    const outsider = await person(h, 'outsider');
    expectProblem(await ask(outsider.token, { accountId: shop, permissions: ['tickets'], message: 'Let me in' }), 404, 'not_found');
    const created = await ask(outsider.token, { customerNumber: owner.customerNumber, permissions: ['tickets'], message: 'Let me in' });
    expectProblem(await approve(shop, created.body.id, {}, outsider.token), 404, 'not_found');
    expectProblem(await approve(shop, created.body.id, {}, member.token), 403, 'forbidden');
    // Another owner's account cannot take a request sent to this owner's number.
    const stranger = await person(h, 'stranger');
    const theirs = await accountOf(h, stranger, 'Elsewhere');
    expectProblem(await approve(theirs, created.body.id, {}, stranger.token), 404, 'not_found');
  });

  it('declined: nothing given, the requester sees it, the audit trail says so', async () => {
    const someone = await person(h, 'declined');
    const created = await ask(someone.token, { customerNumber: owner.customerNumber, permissions: ['tickets'], message: 'Hello' });
    const res = await decline(blog, created.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'declined', granted: null });
    expect(await membership(blog, someone.id)).toBeUndefined();
    expect((await own(someone.token))[0]).toMatchObject({ id: created.body.id, status: 'declined' });
    expect((await audit(shop)).some((e) => e.action === 'access_request.declined' && e.subject === someone.email)).toBe(true);
    expectProblem(await approve(blog, created.body.id, {}), 409, 'access_request_not_pending');
  });

  it('an unknown customer number answers exactly like a known one (no enumeration); only the real owner is mailed', async () => {
    const prober = await person(h, 'prober');
    const loneOwner = await person(h, 'lone');
    let unknown = '98765432';
    while (await h.db.selectFrom('users').select('id').where('customer_number', '=', unknown).executeTakeFirst()) unknown = String(Number(unknown) + 1);
    const mailsBefore = (await outbox(h)).length;
    const body = { permissions: ['tickets'], message: 'Hi' };
    const known = await ask(prober.token, { customerNumber: loneOwner.customerNumber, ...body });
    const missing = await ask(prober.token, { customerNumber: unknown, ...body });
    const shape = (r: { status: number; body: any }) => ({ status: r.status, keys: Object.keys(r.body).sort(), ...r.body, id: '', customerNumber: '' });
    expect(shape(missing)).toEqual(shape(known));
    expect((await outbox(h)).length - mailsBefore).toBe(1);
    expect((await own(prober.token)).map((r) => r.status)).toEqual(['pending', 'pending']);
    // A second request to either is refused alike.
    expect((await ask(prober.token, { customerNumber: unknown, ...body })).body.code).toBe('conflict');
    expect((await ask(prober.token, { customerNumber: loneOwner.customerNumber, ...body })).body.code).toBe('conflict');
  });

  it('the message is plain text of bounded length', async () => {
    const someone = await person(h, 'typist');
    for (const message of ['', '   ', 'x'.repeat(1001), 'pay to \u202Egnp.exe', 'bell\u0007']) {
      expectProblem(await ask(someone.token, { customerNumber: owner.customerNumber, permissions: ['tickets'], message }), 400, 'validation_failed');
    }
    expectProblem(await ask(someone.token, { customerNumber: someone.customerNumber, permissions: ['tickets'], message: 'me' }), 400, 'validation_failed');
    const multiline = await ask(someone.token, { customerNumber: owner.customerNumber, permissions: ['tickets'], message: 'Line one\nLine two' });
    expect(multiline.status).toBe(201);
  });
});
