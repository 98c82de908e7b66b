import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { call, keychainItem, newCore, requireSecretService, tempDir } from './fixtures/environment.js';

describe('the embedded demo provider', () => {
  const dataDir = tempDir('demo');
  let core: ReturnType<typeof newCore> | undefined;

  beforeAll(requireSecretService);
  afterAll(async () => {
    await core?.close();
  });

  it('is added when there is no connection, and found again after a restart on its new port', async () => {
    core = newCore(dataDir);
    await core.addDemoWhenEmpty();
    const [demo] = (await call(core, 'connections.list', {})) as Connection[];
    expect(demo).toMatchObject({ label: 'Demo provider', isDemo: true, email: DEMO_LOGINS.agency.email });
    expect(demo!.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await keychainItem(demo!.id)).not.toBeNull();
    // addDemo is idempotent: the same connection comes back.
    expect((await call(core, 'connections.addDemo', {})).id).toBe(demo!.id);
    const [synced] = (await call(core, 'sync.now', {})) as SyncStatus[];
    expect(synced!.state).toBe('synced');
    const accounts: ListedAccount[] = await call(core, 'accounts.list', {});
    expect(accounts.length).toBeGreaterThan(0);
    await core.close();

    core = newCore(dataDir);
    await core.addDemoWhenEmpty();
    expect(await call(core, 'connections.list', {})).toHaveLength(1);
    const [again] = (await call(core, 'sync.now', {})) as SyncStatus[];
    expect(again).toMatchObject({ connectionId: demo!.id, state: 'synced' });
    const [moved] = (await call(core, 'connections.list', {})) as Connection[];
    expect(moved!.id).toBe(demo!.id);
    expect(moved!.baseUrl).not.toBe(demo!.baseUrl);
    expect((await call(core, 'accounts.list', {})).length).toBe(accounts.length);

    expect(await call(core, 'connections.remove', { connectionId: demo!.id })).toEqual({ removed: true });
  });
});
