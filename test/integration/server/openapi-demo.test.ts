import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, TicketList } from '../../../src-shared/api/activity.js';
import { ContactList } from '../../../src-shared/api/contacts.js';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { IncomingInvitationPage } from '../../../src-shared/api/invitations.js';
import { AccountUserList, OutgoingInvitationList } from '../../../src-shared/api/team.js';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { passwordPolicyViolations } from '../../../src-server/domain/passwords.js';
import { startClientArea } from '../../../src-server/server.js';
import { type Harness, startHarness } from './harness.js';

describe('demo provider and OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: true });
  });
  afterAll(() => h.close());

  it('serves /api/v1/openapi.json as valid OpenAPI 3.1 with the contract paths', async () => {
    const res = await fetch(`${h.server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const path of [
      '/api/v1/session',
      '/api/v1/session/refresh',
      '/api/v1/me',
      '/api/v1/accounts',
      '/api/v1/accounts/{id}',
      '/api/v1/accounts/{id}/sso',
      '/api/v1/invitations',
      '/api/v1/invitations/{id}/accept',
      '/api/v1/invitations/{id}/decline',
      '/api/v1/admin/users',
      '/api/v1/admin/accounts',
      '/api/v1/admin/accounts/{id}/services',
      '/api/v1/admin/accounts/{id}/domains',
      '/api/v1/admin/accounts/{id}/invoices',
      '/api/v1/admin/outbox',
      '/api/v1/signup',
      '/api/v1/invitations/redeem',
      '/api/v1/accounts/{id}/users',
      '/api/v1/accounts/{id}/users/{userId}',
      '/api/v1/accounts/{id}/invitations',
      '/api/v1/accounts/{id}/invitations/{invId}',
      '/api/v1/accounts/{id}/invitations/{invId}/resend',
      '/api/v1/accounts/{id}/ownership-transfer',
      '/api/v1/accounts/{id}/ownership-transfer/confirm',
      '/api/v1/accounts/{id}/contacts',
      '/api/v1/accounts/{id}/contacts/{contactId}',
      '/api/v1/accounts/{id}/contacts/{contactId}/promote',
      '/api/v1/accounts/{id}/managed-users',
      '/api/v1/accounts/{id}/managed-users/{userId}/activation',
      '/api/v1/accounts/{id}/managed-users/{userId}/password-reset',
      '/api/v1/accounts/{id}/managed-users/{userId}/disable',
      '/api/v1/accounts/{id}/managed-users/{userId}/view-as',
      '/api/v1/accounts/{id}/services',
      '/api/v1/accounts/{id}/domains',
      '/api/v1/accounts/{id}/services/{serviceId}/assignee',
      '/api/v1/accounts/{id}/domains/{domainId}/delegations',
      '/api/v1/accounts/{id}/tickets',
      '/api/v1/accounts/{id}/audit',
      '/api/v1/accounts/{id}/audit.csv',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/session'].post.requestBody).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/v1/accounts'].get.responses['200'])).toContain('AccountPage');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/panel'))).toBe(false);
    expect(doc.paths['/api/v1/accounts/{id}/invitations'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(doc.paths['/api/v1/accounts/{id}/audit.csv'].get.responses['200'].content)).toEqual(['text/csv']);
    expect(doc.components.schemas).toHaveProperty('OutgoingInvitation');
    expect(doc.components.schemas).toHaveProperty('ContactCreate');
  });

  it('demo logins satisfy the password policy', () => {
    for (const login of Object.values(DEMO_LOGINS)) expect(passwordPolicyViolations(login.password)).toEqual([]);
  });

  it('gives the agency ≥ 20 accounts with varied roles and counts, and ≥ 3 pending invitations', async () => {
    const { accessToken } = await h.signIn(DEMO_LOGINS.agency.email, DEMO_LOGINS.agency.password);
    const page = AccountPage.parse((await h.call('GET', '/api/v1/accounts?limit=1000', { token: accessToken })).body);
    expect(page.items.length).toBeGreaterThanOrEqual(20);
    const roles = new Set(page.items.map((a) => a.role));
    expect(roles).toEqual(new Set(['owner', 'admin', 'member']));
    expect(new Set(page.items.map((a) => a.permissions.join())).size).toBeGreaterThanOrEqual(4);
    expect(page.items.some((a) => a.scope !== null)).toBe(true);
    expect(page.items.some((a) => a.summary.domainsExpiringSoon > 0)).toBe(true);
    expect(page.items.some((a) => a.summary.unpaidInvoices > 0)).toBe(true);
    expect(page.items.some((a) => a.summary.openTickets > 0)).toBe(true);

    const invitations = IncomingInvitationPage.parse((await h.call('GET', '/api/v1/invitations', { token: accessToken })).body).items;
    const pending = invitations.filter((i) => i.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(3);
    expect(invitations.some((i) => i.status === 'expired')).toBe(true);
    const reachable = new Set(page.items.map((a) => a.id));
    expect(pending.every((i) => !reachable.has(i.account.id))).toBe(true);
  });

  it('gives the owner an account with several users, contacts and pending outgoing invitations', async () => {
    const { accessToken } = await h.signIn(DEMO_LOGINS.owner.email, DEMO_LOGINS.owner.password);
    const page = AccountPage.parse((await h.call('GET', '/api/v1/accounts', { token: accessToken })).body);
    const own = page.items.find((a) => a.role === 'owner');
    expect(own?.name).toBe('Bellini Ristorante');
    const members = await h.db.selectFrom('memberships').select('user_id').where('account_id', '=', own!.id).execute();
    expect(members.length).toBeGreaterThanOrEqual(3);
    const contacts = await h.db.selectFrom('contacts').select('id').where('account_id', '=', own!.id).execute();
    expect(contacts.length).toBeGreaterThanOrEqual(2);
    const outgoing = await h.db.selectFrom('invitations').select('id').where('account_id', '=', own!.id).where('status', '=', 'pending').execute();
    expect(outgoing.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the owner contacts with mail preferences, managed users, tickets and invitations by email and customer number', async () => {
    const { accessToken: token } = await h.signIn(DEMO_LOGINS.owner.email, DEMO_LOGINS.owner.password);
    const own = AccountPage.parse((await h.call('GET', '/api/v1/accounts', { token })).body).items.find((a) => a.role === 'owner')!;
    const contacts = ContactList.parse((await h.call('GET', `/api/v1/accounts/${own.id}/contacts`, { token })).body).items;
    expect(contacts.some((c) => c.preferences.billing)).toBe(true);
    expect(contacts.some((c) => c.preferences.support && !c.preferences.billing)).toBe(true);
    expect(contacts.every((c) => c.city !== '' && c.country === 'IT')).toBe(true);
    const users = AccountUserList.parse((await h.call('GET', `/api/v1/accounts/${own.id}/users`, { token })).body).items;
    expect(
      users
        .filter((u) => u.origin === 'managed')
        .map((u) => u.status)
        .sort(),
    ).toEqual(['active', 'pending_activation']);
    const tickets = TicketList.parse((await h.call('GET', `/api/v1/accounts/${own.id}/tickets`, { token })).body).items;
    expect(new Set(tickets.map((t) => t.openedAs))).toEqual(new Set(['owner', 'authorized_user']));
    const invitations = OutgoingInvitationList.parse((await h.call('GET', `/api/v1/accounts/${own.id}/invitations`, { token })).body).items;
    expect(invitations.some((i) => i.email !== null && i.status === 'pending')).toBe(true);
    expect(invitations.find((i) => i.customerNumber !== null)).toMatchObject({ status: 'pending', consent: { by: { email: DEMO_LOGINS.owner.email } } });
    const audit = AuditPage.parse((await h.call('GET', `/api/v1/accounts/${own.id}/audit`, { token })).body);
    expect(audit.items.length).toBeGreaterThan(0);
  });

  it('seeds only an empty database: starting again with demo on the same file adds nothing', async () => {
    const count = async (table: 'users' | 'accounts' | 'invitations') =>
      Number(
        (
          await h.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [await count('users'), await count('accounts'), await count('invitations')];
    const again = await startClientArea({ databaseFile: h.databaseFile, demo: true });
    await again.close();
    expect([await count('users'), await count('accounts'), await count('invitations')]).toEqual(before);
  });
});
