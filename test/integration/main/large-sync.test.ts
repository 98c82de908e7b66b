import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { call, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

const COUNT = 5_000;

describe(`sync of ${COUNT.toLocaleString('en')} accounts from the real server`, () => {
  let provider: SeededProvider;
  let me: Login;
  let ids: string[];
  let core: ReturnType<typeof newCore>;
  let connectionId: string;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Big agency');
    ids = await addAccounts(provider, me, COUNT, 'Client');
    core = newCore(tempDir('large'));
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('lists every account after the first sync, then re-syncs with nothing changed without transferring account data', async () => {
    connectionId = (await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password })).id;
    await core.idle();
    const first = core.sync.lastRun(connectionId)!;
    expect(first).toMatchObject({ mode: 'full', accountsTransferred: COUNT });
    const rows: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));

    // A periodic re-sync asks what changed since the newest account it saw: nothing, in one request.
    await core.sync.syncOne(connectionId);
    const periodic = core.sync.lastRun(connectionId)!;
    expect(periodic).toMatchObject({ mode: 'unchanged', requests: 1, accountsTransferred: 0 });

    // "Sync now" validates the whole list: one conditional request per page, each answered 304.
    await call(core, 'sync.now', { connectionId });
    const validated = core.sync.lastRun(connectionId)!;
    expect(validated).toMatchObject({ mode: 'unchanged', accountsTransferred: 0 });
    expect(validated.notModified).toBe(validated.requests);
    console.log(
      `sync of ${COUNT} accounts: first ${first.durationMs.toFixed(0)} ms (${first.requests} requests); ` +
        `no-change re-sync ${periodic.durationMs.toFixed(1)} ms (${periodic.requests} request, updatedSince); ` +
        `validated no-change re-sync ${validated.durationMs.toFixed(1)} ms (${validated.requests} requests, ${validated.notModified} × 304)`,
    );
  });

  it('a change costs what changed; removed access disappears with the next sync the user asks for', async () => {
    const renamed = ids[10]!;
    await provider.db.updateTable('accounts').set({ name: 'AAA Renamed', updated_at: new Date().toISOString() }).where('id', '=', renamed).execute();
    await call(core, 'sync.now', { connectionId });
    const changed = core.sync.lastRun(connectionId)!;
    expect(changed.accountsTransferred).toBeGreaterThan(0);
    expect(changed.accountsTransferred).toBeLessThan(COUNT);
    expect(((await call(core, 'accounts.list', {})) as ListedAccount[]).find((r) => r.id === renamed)!.name).toBe('AAA Renamed');

    const revoked = ids[20]!;
    await provider.db.deleteFrom('memberships').where('account_id', '=', revoked).where('user_id', '=', me.id).execute();
    await call(core, 'sync.now', { connectionId });
    const rows: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(rows).toHaveLength(COUNT - 1);
    expect(rows.some((r) => r.id === revoked)).toBe(false);
  });
});
