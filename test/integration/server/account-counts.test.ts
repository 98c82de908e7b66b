/**
 * The counts an accounts page joins (migration 0014) are kept by the database: after any mix of
 * inserts, status changes, moves between accounts and deletes, whichever code wrote them, each
 * account's row equals a count of its rows, on both stores, including writes racing on one account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../src-server/domain/tokens.js';
import { STORES, type StoreServer, startOn } from './fixtures/stores.js';

describe.each(STORES)('account counts on %s', (store) => {
  let s: StoreServer;
  const accounts: string[] = [];

  beforeAll(async () => {
    s = await startOn(store, 'account_counts');
    await s.login('owner@example.com', 'Olivia Owner');
    for (const name of ['One', 'Two', 'Three']) accounts.push((await s.admin('/accounts', { name, ownerEmail: 'owner@example.com' })).id);
  });
  afterAll(async () => s?.close());

  /** What the triggers should hold: counted from the rows themselves. */
  async function recounted(accountId: string) {
    const count = async (table: 'services' | 'domains' | 'invoices' | 'tickets', where: (status: string) => boolean) => {
      const rows = (await s.db.selectFrom(table).selectAll().where('account_id', '=', accountId).execute()) as { status?: string }[];
      return rows.filter((r) => where(r.status ?? '')).length;
    };
    return {
      services: await count('services', (st) => st !== 'cancelled'),
      domains: await count('domains', () => true),
      unpaid_invoices: await count('invoices', (st) => st === 'unpaid'),
      open_tickets: await count('tickets', (st) => st !== 'closed'),
    };
  }
  const kept = async (accountId: string) =>
    s.db
      .selectFrom('account_counts')
      .select(['services', 'domains', 'unpaid_invoices', 'open_tickets'])
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();

  it('match a count of the rows after inserts, status changes, moves and deletes', async () => {
    const [one, two] = [accounts[0]!, accounts[1]!];
    const at = s.now().toISOString();
    const service = (account_id: string, status: 'active' | 'suspended' | 'cancelled') => ({
      id: newId('svc'),
      account_id,
      name: 'Hosting',
      status,
      created_at: at,
    });
    const services = [service(one, 'active'), service(one, 'cancelled'), service(one, 'suspended'), service(two, 'active')];
    await s.db.insertInto('services').values(services).execute();
    await s.db
      .insertInto('invoices')
      .values([
        { id: newId('inv'), account_id: one, amount_cents: 100, status: 'unpaid', due_at: at, created_at: at },
        { id: newId('inv'), account_id: one, amount_cents: 100, status: 'paid', due_at: at, created_at: at },
      ])
      .execute();
    await s.db
      .insertInto('tickets')
      .values([
        { id: newId('tkt'), account_id: one, subject: 'Help', status: 'open', opened_by: null, opened_as: null, created_at: at },
        { id: newId('tkt'), account_id: two, subject: 'Done', status: 'closed', opened_by: null, opened_as: null, created_at: at },
      ])
      .execute();
    await s.db
      .insertInto('domains')
      .values({ id: newId('dom'), account_id: one, name: 'one.example', expires_at: at, created_at: at })
      .execute();
    expect(await kept(one)).toEqual(await recounted(one));
    expect(await kept(one)).toEqual({ services: 2, domains: 1, unpaid_invoices: 1, open_tickets: 1 });

    await s.db.updateTable('services').set({ status: 'cancelled' }).where('id', '=', services[0]!.id).execute();
    await s.db.updateTable('services').set({ status: 'active' }).where('id', '=', services[1]!.id).execute();
    await s.db.updateTable('invoices').set({ status: 'paid' }).where('account_id', '=', one).execute();
    await s.db.updateTable('tickets').set({ status: 'closed' }).where('account_id', '=', one).execute();
    await s.db.updateTable('tickets').set({ status: 'open' }).where('account_id', '=', two).execute();
    // A row moved to another account leaves one count for the other.
    await s.db.updateTable('services').set({ account_id: two }).where('id', '=', services[2]!.id).execute();
    await s.db.deleteFrom('domains').where('account_id', '=', one).execute();
    await s.db.deleteFrom('services').where('id', '=', services[3]!.id).execute();
    for (const id of [one, two]) expect(await kept(id)).toEqual(await recounted(id));
    expect(await kept(two)).toEqual({ services: 1, domains: 0, unpaid_invoices: 0, open_tickets: 1 });
  });

  it('stay exact when writes to one account race', async () => {
    const three = accounts[2]!;
    const at = s.now().toISOString();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('services')
            .values({ id: newId('svc'), account_id: three, name: `S${i}`, status: 'active', created_at: at })
            .execute();
          if (i % 2 === 0) await trx.updateTable('services').set({ status: 'cancelled' }).where('name', '=', `S${i}`).execute();
        }),
      ),
    );
    expect(await kept(three)).toEqual(await recounted(three));
    expect((await kept(three)).services).toBe(10);
  });

  it('has a row for every account the moment it is made', async () => {
    const made = (await s.admin('/accounts', { name: 'Four', ownerEmail: 'owner@example.com' })).id as string;
    expect(await kept(made)).toEqual({ services: 0, domains: 0, unpaid_invoices: 0, open_tickets: 0 });
  });
});
