/**
 * The hot queries are compiled once per database (docs/ARCHITECTURE.md §5, §11): counted on
 * kysely's own compile step, the load test's request mix (`bench/load.bench.ts`: the accounts
 * list, conditional and not, one account, its contacts, a new contact and a changed one) compiles
 * no query once each request was made once, on both stores, whatever the machine.
 */
import { DefaultQueryCompiler } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountPage } from '../../../src-shared/api/accounts.js';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import { CompiledStatement, type Slots } from '../../../src-server/db/compiled-queries.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';

describe.each(STORES)('compiled queries on %s', (store) => {
  let s: StoreServer;
  const logins: { id: string; accessToken: string; accounts: string[] }[] = [];

  beforeAll(async () => {
    s = await startOn(store, 'compiled_queries');
    for (const who of ['first', 'second']) {
      const login = await s.login(`${who}@example.com`, who);
      const accounts: string[] = [];
      for (let i = 0; i < 6; i++) {
        const account = await s.admin('/accounts', { name: `${who} ${i}`, ownerEmail: `${who}@example.com` });
        await s.admin(`/accounts/${account.id}/domains`, {
          name: `${who}-${i}.example`,
          expiresAt: new Date(s.now().getTime() + i * 86_400_000).toISOString(),
        });
        accounts.push(account.id as string);
      }
      logins.push({ ...login, accounts });
    }
    // Each login is also a member of the other's first accounts, so the lists mix roles (as the load test's do).
    for (const [i, login] of logins.entries()) {
      const neighbour = logins[(i + 1) % logins.length]!;
      for (const accountId of login.accounts.slice(0, 2))
        await insertMembership(s.db, s.now(), { accountId, userId: neighbour.id, role: 'member', permissions: PERMISSION_PRESETS.webDeveloper });
    }
  });
  afterAll(async () => s?.close());
  afterEach(() => vi.restoreAllMocks());

  /** One round of the load test's mix for a login, checking each answer. */
  async function requestMix(login: (typeof logins)[number], round: number) {
    const token = login.accessToken;
    const account = login.accounts[round % login.accounts.length]!;
    const list = await s.call('GET', '/api/v1/accounts', { token });
    expect(list.status).toBe(200);
    expect(AccountPage.parse(list.body).items).toHaveLength(8);
    const etag = await fetch(`${s.server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.headers.get('etag'));
    const conditional = await fetch(`${s.server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag! } });
    expect(conditional.status).toBe(304);
    expect((await s.call('GET', `/api/v1/accounts/${account}`, { token })).status).toBe(200);
    expect((await s.call('GET', `/api/v1/accounts/${account}/contacts`, { token })).status).toBe(200);
    const made = await s.call('POST', `/api/v1/accounts/${account}/contacts`, { token, body: { name: `Contact ${round}`, email: `c-${round}@example.com` } });
    expect(made.status).toBe(201);
    const changed = await s.call('PATCH', `/api/v1/accounts/${account}/contacts/${made.body.id}`, { token, body: { city: `City ${round}` } });
    expect(changed.status).toBe(200);
    expect(changed.body.city).toBe(`City ${round}`);
  }

  it('compiles no query for the load test’s request mix once each request was made', async () => {
    for (const login of logins) await requestMix(login, 0);
    const compiles = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    for (let round = 1; round <= 3; round++) for (const login of logins) await requestMix(login, round);
    expect(compiles).not.toHaveBeenCalled();
  });

  it('compiles no query for keyed writes and their replays once one was made', async () => {
    const [login] = logins;
    const keyed = async (key: string, round: number) => {
      const res = await fetch(`${s.server.url}/api/v1/accounts/${login!.accounts[0]}/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${login!.accessToken}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ name: `Keyed ${round}`, email: `keyed-${round}@example.com` }),
      });
      return { status: res.status, replayed: res.headers.get('idempotent-replayed') };
    };
    expect(await keyed('warm', 0)).toEqual({ status: 201, replayed: null });
    expect(await keyed('warm', 0)).toEqual({ status: 201, replayed: 'true' });
    const compiles = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    for (let round = 1; round <= 3; round++) {
      expect(await keyed(`key-${round}`, round)).toEqual({ status: 201, replayed: null });
      expect(await keyed(`key-${round}`, round)).toEqual({ status: 201, replayed: 'true' });
    }
    expect(compiles).not.toHaveBeenCalled();
  });

  it('binds each run’s own values into the one compiled text, in a transaction as outside one', async () => {
    const byName = new CompiledStatement('account by name', (db, v: Slots<{ name: string }>) =>
      db.selectFrom('accounts').select('id').where('name', '=', v.name),
    );
    const compiles = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    const first = await byName.first(s.db, { name: 'first 1' });
    const second = await byName.first(s.db, { name: 'second 1' });
    const inside = await s.db.transaction().execute((trx) => byName.first(trx, { name: 'first 2' }));
    expect([first?.id, second?.id, inside?.id]).toEqual([logins[0]!.accounts[1], logins[1]!.accounts[1], logins[0]!.accounts[2]]);
    expect(await byName.first(s.db, { name: 'nobody' })).toBeUndefined();
    expect(compiles).toHaveBeenCalledTimes(1);
  });

  it('compiles an array value once per length, and refuses a slot used as a value while building', async () => {
    const named = new CompiledStatement('accounts by names', (db, v: Slots<{ names: string[] }>) =>
      db.selectFrom('accounts').select('name').where('name', 'in', v.names).orderBy('name'),
    );
    const compiles = vi.spyOn(DefaultQueryCompiler.prototype, 'compileQuery');
    expect((await named.rows(s.db, { names: ['first 1', 'first 2'] })).map((r) => r.name)).toEqual(['first 1', 'first 2']);
    expect((await named.rows(s.db, { names: ['second 3', 'second 4'] })).map((r) => r.name)).toEqual(['second 3', 'second 4']);
    expect((await named.rows(s.db, { names: ['second 5'] })).map((r) => r.name)).toEqual(['second 5']);
    expect(compiles).toHaveBeenCalledTimes(2);

    const computed = new CompiledStatement('computed from a slot', (db, v: Slots<{ name: string }>) =>
      db.selectFrom('accounts').select('id').where('name', '=', `${v.name} 1`),
    );
    await expect(computed.rows(s.db, { name: 'first' })).rejects.toThrow(/slot "name" was used as a value/);
  });
});
