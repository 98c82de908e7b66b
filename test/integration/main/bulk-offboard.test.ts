/**
 * Offboarding against the reference client area: the search finds the person on every account
 * the user runs (and says what it could not search), and the removal goes through the queue
 * with a key per account, so a second send after a lost answer removes nothing twice.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkRuns } from '../../../src-main/bulk/bulk-runs.js';
import { ClientareaConnector } from '../../../src-main/connectors/clientarea/clientarea-connector.js';
import { silentLogger } from '../../../src-main/logging.js';
import { QueueStore } from '../../../src-main/queue/queue-store.js';
import { Replayer } from '../../../src-main/queue/replayer.js';
import { PERMISSION_PRESETS } from '../../../src-shared/api/permissions.js';
import type { Account } from '../../../src-shared/api/accounts.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import { createInvitation } from '../../../src-server/domain/invitations.js';
import { insertMembership } from '../../../src-server/domain/memberships.js';
import { tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, membershipsOf, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

describe('offboarding one person from every account the user runs', () => {
  let provider: SeededProvider;
  let me: Login;
  let leaver: Login;
  let connector: ClientareaConnector;
  let refreshToken: string | null = null;
  const accounts: Account[] = [];
  const ids: Record<string, string> = {};

  const connection = (id: string, capabilities: Connection['capabilities']): Connection => ({
    id,
    label: id === 'conn-api' ? 'Reference provider' : 'Read-only provider',
    baseUrl: provider.url,
    kind: 'clientarea',
    email: me.email,
    isDemo: false,
    capabilities,
    createdAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Agency');
    leaver = await addLogin(provider, 'Freelancer');
    const other = await addLogin(provider, 'Customer');
    const now = new Date();
    const [ownA, ownB, ownC] = await addAccounts(provider, me, 3, 'Own');
    const [adminOf, memberOf] = await addAccounts(provider, other, 2, 'Theirs');
    const [leaversOwn] = await addAccounts(provider, leaver, 1, 'Leaver');
    Object.assign(ids, { ownA, ownB, ownC, adminOf, memberOf, leaversOwn });
    // The leaver reaches two of my accounts, one I administer, one where I am only a member, and owns one I administer.
    for (const accountId of [ownA!, ownB!, adminOf!, memberOf!]) {
      await insertMembership(provider.db, now, { accountId, userId: leaver.id, role: 'member', permissions: PERMISSION_PRESETS.webDeveloper });
    }
    await insertMembership(provider.db, now, { accountId: adminOf!, userId: me.id, role: 'admin', permissions: PERMISSION_PRESETS.all });
    await insertMembership(provider.db, now, { accountId: memberOf!, userId: me.id, role: 'member', permissions: ['tickets'] });
    await insertMembership(provider.db, now, { accountId: leaversOwn!, userId: me.id, role: 'admin', permissions: PERMISSION_PRESETS.all });
    // And an invitation to a third of my accounts still waits for their answer.
    const { invitation } = await createInvitation(provider.db, now, { accountId: ownC!, invitedBy: me.id, email: leaver.email, permissions: ['tickets'] });
    ids.pending = invitation.id;

    connector = new ClientareaConnector({
      baseUrl: provider.url,
      credentials: { read: async () => refreshToken, write: async (s) => void (refreshToken = s) },
      logger: silentLogger(),
    });
    await connector.signIn(me.email, me.password);
    let page = await connector.listAccountsPage({ cursor: null, limit: 100 });
    if (!page.notModified) accounts.push(...page.items);
    while (!page.notModified && page.nextCursor) {
      page = await connector.listAccountsPage({ cursor: page.nextCursor, limit: 100 });
      if (!page.notModified) accounts.push(...page.items);
    }
  });
  afterAll(async () => {
    await provider?.close();
  });

  function setUp(file: string) {
    const connections = [connection('conn-api', ['accounts.list', 'users.manage']), connection('conn-readonly', ['accounts.list'])];
    const deps = {
      list: () => connections,
      get: (id: string) => connections.find((c) => c.id === id)!,
      connectorFor: async (id: string) => ({ connection: deps.get(id), connector }),
    };
    const store = new QueueStore(file);
    const cache = { read: (id: string) => ({ accounts: id === 'conn-api' ? accounts : [], invitations: [] }) as never };
    const bulk = new BulkRuns({
      store,
      connections: deps,
      cache,
      events: { changed: () => undefined, emit: () => undefined },
      followUp: { writesQueued: () => undefined },
    });
    const replayer = new Replayer({ store, connections: deps, logger: silentLogger(), onSettled: () => undefined, onChange: () => undefined });
    return { store, bulk, replayer };
  }

  it('finds the person where the user owns or administers the account, names what it could not search, and removes them once', async () => {
    const file = `${tempDir('bulk-offboard')}/queue.sqlite`;
    const app = setUp(file);
    const search = await app.bulk.findAccess(` ${leaver.email.toUpperCase()} `);
    expect(search.email).toBe(leaver.email);
    expect(new Set(search.found.map((f) => f.accountId))).toEqual(new Set([ids.ownA, ids.ownB, ids.adminOf]));
    expect(search.found.every((f) => f.userId === leaver.id && f.role === 'member' && f.providerLabel === 'Reference provider')).toBe(true);
    expect(search.invitations).toEqual([expect.objectContaining({ connectionId: 'conn-api', accountId: ids.ownC, invitationId: ids.pending })]);
    expect(search.unsearched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connectionId: 'conn-readonly', reason: 'no_team_part', accountId: null }),
        expect.objectContaining({ connectionId: 'conn-api', reason: 'owner', accountId: ids.leaversOwn }),
      ]),
    );
    expect(search.unsearched).toHaveLength(2);

    const run = app.bulk.offboard({
      email: search.email,
      targets: [
        ...search.found.map((f) => ({ connectionId: f.connectionId, accountId: f.accountId, userId: f.userId })),
        ...search.invitations.map((i) => ({ connectionId: i.connectionId, accountId: i.accountId, invitationId: i.invitationId })),
      ],
    });
    expect(run.items.map((i) => i.state)).toEqual(['queued', 'queued', 'queued', 'queued']);
    await app.replayer.replay('conn-api');
    expect(app.bulk.get(run.id).items.map((i) => i.state)).toEqual(['done', 'done', 'done', 'done']);
    const held = await membershipsOf(provider, leaver.id);
    expect([...held.keys()].sort()).toEqual([ids.memberOf, ids.leaversOwn].sort());
    const pending = await provider.db.selectFrom('invitations').select('status').where('id', '=', ids.pending!).executeTakeFirstOrThrow();
    expect(pending.status).toBe('cancelled');

    // The answer of one removal was "lost": the same action is sent again with its key, and the
    // provider answers as before instead of refusing a removal of someone already gone.
    const [first] = app.store.runActions(run.id);
    app.store.close();
    const raw = new Database(file);
    raw.prepare(`UPDATE actions SET state = 'sending' WHERE id = ?`).run(first!.id);
    raw.close();
    const again = setUp(file);
    expect(again.store.get(first!.id)!.state).toBe('queued');
    await again.replayer.replay('conn-api');
    expect(again.bulk.get(run.id).items.map((i) => [i.state, i.reason])).toEqual([
      ['done', null],
      ['done', null],
      ['done', null],
      ['done', null],
    ]);
    expect([...(await membershipsOf(provider, leaver.id)).keys()].sort()).toEqual([ids.memberOf, ids.leaversOwn].sort());

    // Searching again finds nothing left to remove on the user's accounts.
    expect(await again.bulk.findAccess(leaver.email)).toMatchObject({ found: [], invitations: [] });
    again.store.close();
  });

  it('names the connection signed in as that very person instead of offering to remove them', async () => {
    const app = setUp(`${tempDir('bulk-offboard-self')}/queue.sqlite`);
    const search = await app.bulk.findAccess(me.email);
    expect(search.found).toEqual([]);
    expect(search.unsearched.map((u) => [u.connectionId, u.reason])).toEqual(
      expect.arrayContaining([
        ['conn-api', 'self'],
        ['conn-readonly', 'no_team_part'],
      ]),
    );
    app.store.close();
  });
});
