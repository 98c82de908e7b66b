import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { ClientdeckError } from '../../../src-main/errors.js';
import type { Vault } from '../../../src-main/vault/vault.js';
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

  it('starts and syncs even when the keychain stops answering; a real provider is still refused rather than moved out of it', async () => {
    const refuse = async (): Promise<never> => {
      throw new ClientdeckError('keychain_unavailable', 'The system keychain did not answer.');
    };
    const lockedKeychain: Vault = { set: refuse, get: refuse, delete: refuse };
    const locked = newCore(tempDir('demo-locked'), { vault: lockedKeychain });
    try {
      const demo = (await call(locked, 'connections.addDemo', {})) as Connection;
      expect(demo).toMatchObject({ label: 'Demo provider', isDemo: true });
      const [synced] = (await call(locked, 'sync.now', {})) as SyncStatus[];
      expect(synced).toMatchObject({ connectionId: demo.id, state: 'synced' });
      expect(((await call(locked, 'accounts.list', {})) as ListedAccount[]).length).toBeGreaterThan(0);

      const real = await locked.dispatch('connections.add', { baseUrl: demo.baseUrl, email: DEMO_LOGINS.owner.email, password: DEMO_LOGINS.owner.password });
      expect(real).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
      expect(await call(locked, 'connections.remove', { connectionId: demo.id })).toEqual({ removed: true });
    } finally {
      await locked.close();
    }
  });
});
