import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { type Harness, startHarness } from './harness.js';

const DAY = 86_400_000;

/** `Account.domainNames`: what the caller may see of an account's domains, for search (issue 5). */
describe('account domain names', () => {
  let h: Harness;
  let ownerToken: string;
  let memberToken: string;
  let full = '';
  let scoped = '';
  let blind = '';
  let scopedDomainId = '';

  beforeAll(async () => {
    h = await startHarness();
    await h.createLogin('owner@example.com', 'Otto Owner');
    const mia = await h.createLogin('member@example.com', 'Mia Member');
    const expiresAt = new Date(h.now().getTime() + 400 * DAY).toISOString();
    full = (await h.admin('/accounts', { name: 'Full Ltd', ownerEmail: 'owner@example.com' })).id;
    scoped = (await h.admin('/accounts', { name: 'Scoped Ltd', ownerEmail: 'owner@example.com' })).id;
    blind = (await h.admin('/accounts', { name: 'Blind Ltd', ownerEmail: 'owner@example.com' })).id;
    for (let i = 0; i < 60; i++) await h.admin(`/accounts/${full}/domains`, { name: `d${String(i).padStart(2, '0')}.example`, expiresAt });
    scopedDomainId = (await h.admin(`/accounts/${scoped}/domains`, { name: 'mine.example', expiresAt })).id;
    await h.admin(`/accounts/${scoped}/domains`, { name: 'other.example', expiresAt });
    await h.admin(`/accounts/${scoped}/domains`, { name: 'byname.example', expiresAt });
    await h.admin(`/accounts/${blind}/domains`, { name: 'hidden.example', expiresAt });
    await insertMembership(h.db, h.now(), { accountId: full, userId: mia.id, role: 'member', permissions: ['domains.view'] });
    await insertMembership(h.db, h.now(), {
      accountId: scoped,
      userId: mia.id,
      role: 'member',
      permissions: ['domains.manage'],
      scope: { domains: [scopedDomainId, 'byname.example'] },
    });
    await insertMembership(h.db, h.now(), { accountId: blind, userId: mia.id, role: 'member', permissions: ['services.view'] });
    ownerToken = (await h.signIn('owner@example.com')).accessToken;
    memberToken = (await h.signIn('member@example.com')).accessToken;
  });
  afterAll(() => h.close());

  async function page(token: string) {
    const res = await h.call('GET', '/api/v1/accounts', { token });
    expect(res.status).toBe(200);
    return new Map(AccountPage.parse(res.body).items.map((a) => [a.id, a.domainNames]));
  }

  it('lists the first 50 domain names by name for an unscoped grant', async () => {
    const names = (await page(ownerToken)).get(full);
    expect(names).toHaveLength(50);
    expect(names?.[0]).toBe('d00.example');
    expect(names?.[49]).toBe('d49.example');
  });

  it('respects scope (by id and by name) and domains.view', async () => {
    const seen = await page(memberToken);
    expect(seen.get(full)).toHaveLength(50);
    expect(seen.get(scoped)).toEqual(['byname.example', 'mine.example']);
    expect(seen.get(blind)).toEqual([]);
    expect((await page(ownerToken)).get(scoped)).toEqual(['byname.example', 'mine.example', 'other.example']);
  });

  it('carries the same names on a single account', async () => {
    const res = await h.call('GET', `/api/v1/accounts/${scoped}`, { token: memberToken });
    expect(res.body.domainNames).toEqual(['byname.example', 'mine.example']);
  });
});
