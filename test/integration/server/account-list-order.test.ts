/**
 * The accounts list reads a login's page as one range of an index (docs/ARCHITECTURE.md §5, §11):
 * each membership carries its account's name, kept by the database on every insert and rename, and
 * the answers built from typed rows are exactly what their schemas describe. On both stores.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { accountPageQuery, timeValues } from '../../../src-server/domain/account-reads.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';

describe.each(STORES)('accounts list order on %s', (store) => {
  let s: StoreServer;
  let owner: { id: string; accessToken: string };
  let member: { id: string; accessToken: string };

  beforeAll(async () => {
    s = await startOn(store, 'account_list_order');
    owner = await s.login('owner@example.com', 'Olivia Owner');
    member = await s.login('member@example.com', 'Mo Member');
    for (const name of ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo']) await s.admin('/accounts', { name, ownerEmail: 'owner@example.com' });
  });
  afterAll(async () => s?.close());

  const names = async (token: string, query = '') => {
    const res = await s.call('GET', `/api/v1/accounts${query}`, { token });
    expect(res.status).toBe(200);
    return AccountPage.parse(res.body);
  };

  it('keeps each membership’s copy of the account name on insert and on rename', async () => {
    const ids = (await names(owner.accessToken)).items.map((a) => a.id);
    for (const id of ids.slice(0, 2))
      await insertMembership(s.db, s.now(), { accountId: id, userId: member.id, role: 'member', permissions: PERMISSION_PRESETS.webDeveloper });
    await s.db.updateTable('accounts').set({ name: 'Zulu' }).where('id', '=', ids[0]!).execute();

    const copies = await s.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['accounts.name', 'memberships.account_name'])
      .execute();
    expect(copies.length).toBe(7);
    for (const row of copies) expect(row.account_name).toBe(row.name);
    expect((await names(member.accessToken)).items.map((a) => a.name)).toEqual([...(await names(member.accessToken)).items.map((a) => a.name)].sort());
    expect((await names(member.accessToken)).items.at(-1)?.name).toBe('Zulu');
  });

  it('pages in name order, then id, with the same cursor rule as before', async () => {
    const whole = (await names(owner.accessToken)).items.map((a) => a.name);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AccountPage = await names(owner.accessToken, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor ?? null;
    } while (cursor);
    expect(paged).toEqual(whole);
    // Byte order, as both stores compare text here (the C collation of the test cluster, SQLite's BINARY).
    expect(whole).toEqual([...whole].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('answers with exactly what the schemas describe: the unchecked serializer leaves nothing out and adds nothing', async () => {
    const list = await s.call('GET', '/api/v1/accounts', { token: owner.accessToken });
    expect(list.body).toEqual(JSON.parse(JSON.stringify(AccountPage.parse(list.body))));
    const one = await s.call('GET', `/api/v1/accounts/${list.body.items[0].id}`, { token: owner.accessToken });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(JSON.parse(JSON.stringify(Account.parse(one.body))));
    // Every field it sends is one the schema names (the round trip above would drop any other).
    for (const key of Object.keys(one.body)) expect(Object.keys(Account.shape)).toContain(key);
  });
});

describe('an accounts page on SQLite', () => {
  let s: StoreServer;
  let owner: { id: string };
  beforeAll(async () => {
    s = await startOn('sqlite', 'account_page_plan');
    owner = await s.login('owner@example.com', 'Olivia Owner');
  });
  afterAll(async () => s?.close());

  it('is read from the membership index in page order, with no sort of every account the login reaches', async () => {
    for (const shape of ['', 'after'] as const) {
      const values = { userId: owner.id, rows: 201, ...timeValues(s.now()), afterName: 'M', afterId: 'acc_x', since: '' };
      const page = accountPageQuery(s.db, values, shape).compile();
      const plan = await s.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${page.sql}`, [...page.parameters]));
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toContain('memberships_user_account_name');
      expect(details).not.toContain('TEMP B-TREE');
    }
  });
});
