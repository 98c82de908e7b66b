/**
 * An accounts page is one read (docs/ARCHITECTURE.md §11): its rows carry each account's first
 * domain names, by name whatever order they were added in, and the list's state, the very state
 * `accountListState` reads alone, on both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { DOMAIN_NAMES_PER_ACCOUNT } from '../../../src-server/domain/account-reads.js';
import { accountListState, readAccountPage } from '../../../src-server/domain/accounts.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';

const DAY = 86_400_000;

describe.each(STORES)('an accounts page read on %s', (store) => {
  let s: StoreServer;
  let owner: { id: string; accessToken: string };
  let many = '';
  beforeAll(async () => {
    s = await startOn(store, 'account_page_read');
    owner = await s.login('owner@example.com', 'Olivia Owner');
    many = (await s.admin('/accounts', { name: 'Many Domains', ownerEmail: 'owner@example.com' })).id;
    await s.admin('/accounts', { name: 'No Domains', ownerEmail: 'owner@example.com' });
    const expiresAt = new Date(s.now().getTime() + 10 * DAY).toISOString();
    // Added last name first, so the order of the rows is not the order of the names.
    for (let i = DOMAIN_NAMES_PER_ACCOUNT + 9; i >= 0; i--)
      await s.admin(`/accounts/${many}/domains`, { name: `d${String(i).padStart(2, '0')}.example`, expiresAt });
  });
  afterAll(async () => s?.close());

  it('carries the first domain names by name, and none for an account without domains', async () => {
    const page = AccountPage.parse(JSON.parse((await readAccountPage(s.db, s.now(), owner.id, { limit: 10 })).text));
    const names = Array.from({ length: DOMAIN_NAMES_PER_ACCOUNT }, (_, i) => `d${String(i).padStart(2, '0')}.example`);
    expect(page.items.map((a) => [a.name, a.domainNames])).toEqual([
      ['Many Domains', names],
      ['No Domains', []],
    ]);
  });

  it('carries the state the list is in, as read alone, and a new one after a write', async () => {
    const before = await readAccountPage(s.db, s.now(), owner.id, { limit: 10 });
    expect(before.state).toBe(await accountListState(s.db, s.now()));
    await s.admin(`/accounts/${many}/services`, { name: 'Hosting' });
    const after = await readAccountPage(s.db, s.now(), owner.id, { limit: 10 });
    expect(after.state).toBe(await accountListState(s.db, s.now()));
    expect(after.state).not.toBe(before.state);
  });

  it('reads its rows as arrays, no object per row, and writes them with their values in the right places', async () => {
    const shapes: string[] = [];
    const watched = s.db.withPlugin({
      transformQuery: ({ node }) => node,
      transformResult: async ({ result }) => {
        shapes.push(result.rows.length === 0 ? 'none' : Array.isArray(result.rows[0]) ? 'arrays' : 'objects');
        return result;
      },
    });
    const text = (await readAccountPage(watched, s.now(), owner.id, { limit: 10 })).text;
    expect(shapes).toEqual(['arrays']);
    const objects = await s.call('GET', '/api/v1/accounts?limit=10', { token: owner.accessToken });
    expect(JSON.parse(text)).toEqual(objects.body);
    expect(AccountPage.parse(JSON.parse(text)).items.map((a) => [a.name, a.role, a.summary.services, a.accessExpiresAt])).toEqual([
      ['Many Domains', 'owner', 1, null],
      ['No Domains', 'owner', 0, null],
    ]);
  });

  it('has no state to give with an empty page: its tag is not remembered under one', async () => {
    const nobody = await s.login('nobody@example.com', 'No Body');
    expect(await readAccountPage(s.db, s.now(), nobody.id, { limit: 10 })).toEqual({
      text: JSON.stringify({ items: [], nextCursor: null }),
      newestUpdatedAt: null,
      nextCursor: null,
      state: null,
    });
  });
});
