/**
 * Allowed invitation domains (docs/ARCHITECTURE.md §5, §9): the owner lists the email domains
 * invitations may go to; an invitation by email or by customer number (the login's email) outside
 * them is refused, and so is accepting one after the list narrowed. An empty list lets anyone in.
 * Runs on SQLite and, with CLIENTDECK_TEST_DB=postgres, on PostgreSQL like the rest of the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllowedInvitationDomains } from '../../../src-shared/api/access-policy.js';
import { expectProblem, type Harness } from './harness.js';
import { grant, ownedAccount, person, type Person } from './scenario.js';

describe('allowed invitation domains', () => {
  let h: Harness;
  let owner: Person;
  let accountId: string;

  beforeAll(async () => {
    ({ h, owner, accountId } = await ownedAccount('Studio Verdi'));
  });
  afterAll(() => h?.close());

  const path = () => `/api/v1/accounts/${accountId}/invitation-domains`;
  const setDomains = (domains: string[], token = owner.token) => h.call('PUT', path(), { token, body: { domains } });
  const invite = (body: Record<string, unknown>, token = owner.token) =>
    h.call('POST', `/api/v1/accounts/${accountId}/invitations`, { token, body: { permissions: ['tickets'], ...body } });

  it('starts empty, stores the list lower-cased and sorted for the owner alone, and records the change', async () => {
    expect(AllowedInvitationDomains.parse((await h.call('GET', path(), { token: owner.token })).body)).toEqual({ domains: [] });
    const put = await setDomains(['Agency.example', 'client.example', 'agency.example']);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ domains: ['agency.example', 'client.example'] });
    expect((await h.call('GET', path(), { token: owner.token })).body).toEqual({ domains: ['agency.example', 'client.example'] });

    const admin = await person(h, 'admin');
    await grant(h, accountId, admin, 'admin', ['users.manage', 'tickets']);
    expectProblem(await h.call('GET', path(), { token: admin.token }), 403, 'forbidden');
    expectProblem(await setDomains([], admin.token), 403, 'forbidden');
    expectProblem(await setDomains(['@agency.example']), 400, 'validation_failed');
    expectProblem(await setDomains(['*.example']), 400, 'validation_failed');

    const audit = (await h.call('GET', `/api/v1/accounts/${accountId}/audit`, { token: owner.token })).body.items as { action: string; details: unknown }[];
    const changes = audit.filter((e) => e.action === 'invitation_domains.updated');
    expect(changes).toHaveLength(1);
    expect(changes[0]?.details).toEqual({ before: [], after: ['agency.example', 'client.example'] });
  });

  it('refuses an invitation by email outside the list with a sentence naming the allowed domains', async () => {
    await setDomains(['agency.example']);
    const refused = await invite({ email: 'freelancer@gmail.example' });
    expectProblem(refused, 403, 'email_domain_not_allowed');
    expect(refused.body.detail).toContain('agency.example');
    // A subdomain is another domain: the owner lists exactly where people may come from.
    expectProblem(await invite({ email: 'dev@eu.agency.example' }), 403, 'email_domain_not_allowed');
    expect((await invite({ email: 'Dev@Agency.example' })).status).toBe(201);
  });

  it("by customer number reads the login's own email", async () => {
    await setDomains(['agency.example']);
    const outside = await h.createLogin('nina@elsewhere.example', 'Nina');
    const inside = await h.createLogin('otto@agency.example', 'Otto');
    const consented = (customerNumber: string) => ({ customerNumber, consent: true as const });
    expectProblem(await invite(consented(outside.customerNumber)), 403, 'email_domain_not_allowed');
    expect((await invite(consented(inside.customerNumber))).status).toBe(201);
  });

  it('refuses acceptance after the list narrowed, and lets anyone in again once it is empty', async () => {
    await setDomains([]);
    const invitee = await person(h, 'outsider');
    const made = await invite({ email: invitee.email });
    expect(made.status).toBe(201);
    await setDomains(['agency.example']);
    const refused = await h.call('POST', `/api/v1/invitations/${made.body.id}/accept`, { token: invitee.token });
    expectProblem(refused, 403, 'email_domain_not_allowed');
    expect(refused.body.detail).toMatch(/Ask the owner to allow your domain/);
    expectProblem(await h.call('GET', `/api/v1/accounts/${accountId}`, { token: invitee.token }), 404, 'not_found');

    await setDomains([]);
    const accepted = await h.call('POST', `/api/v1/invitations/${made.body.id}/accept`, { token: invitee.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.account.id).toBe(accountId);
  });
});
