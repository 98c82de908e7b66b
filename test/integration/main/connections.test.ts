import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import {
  call,
  closedPort,
  keychainAccounts,
  keychainItem,
  newCore,
  requireSecretService,
  startProvider,
  storedConnections,
  tempDir,
} from './fixtures/environment.js';

const agency = DEMO_LOGINS.agency;

describe('connections', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startProvider();
  });
  afterAll(async () => {
    await provider?.close();
  });

  it('adds a connection after signing in: secret in the keychain, the rest on disk', async () => {
    const dataDir = tempDir('add');
    const core = newCore(dataDir);
    try {
      const connection = await call(core, 'connections.add', {
        baseUrl: `${provider.url}/`,
        email: agency.email.toUpperCase(),
        password: agency.password,
        label: 'Local',
      });
      expect(connection).toMatchObject({ label: 'Local', baseUrl: provider.url, kind: 'clientarea', email: agency.email, isDemo: false });
      expect(connection.capabilities).toContain('accounts.list');
      expect(await call(core, 'connections.list', {})).toEqual([connection]);

      const secret = await keychainItem(connection.id);
      expect(secret).toMatch(/\S{20,}/);
      const onDisk = storedConnections(dataDir);
      expect(onDisk).toContain(connection.id);
      expect(onDisk).not.toContain(secret!);
      expect(onDisk).not.toContain(agency.password);

      // Adding the same login at the same provider again is refused.
      const again = await core.dispatch('connections.add', { baseUrl: provider.url, email: agency.email, password: agency.password });
      expect(again).toMatchObject({ ok: false, error: { code: 'already_exists' } });

      // Removing deletes the keychain item and the cached data.
      await call(core, 'sync.now', { connectionId: connection.id });
      const cacheDir = path.join(dataDir, 'cache');
      expect(fs.readdirSync(cacheDir).length).toBe(1);
      expect(await call(core, 'connections.remove', { connectionId: connection.id })).toEqual({ removed: true });
      expect(await keychainItem(connection.id)).toBeNull();
      expect(fs.readdirSync(cacheDir)).toEqual([]);
      expect(await call(core, 'connections.list', {})).toEqual([]);
      expect(await call(core, 'accounts.list', {})).toEqual([]);
    } finally {
      await core.close();
    }
  });

  describe('a failed add stores nothing', () => {
    let dataDir: string;
    let core: ReturnType<typeof newCore>;
    let before: string;
    let keychainBefore: string[];

    beforeAll(async () => {
      dataDir = tempDir('add-fail');
      core = newCore(dataDir);
      // One existing connection, so "unchanged" means more than "still empty".
      await call(core, 'connections.add', { baseUrl: provider.url, email: DEMO_LOGINS.owner.email, password: DEMO_LOGINS.owner.password });
      // The add starts a sync that rotates the stored refresh token; let it finish before taking the picture.
      await core.idle();
      before = storedConnections(dataDir);
      keychainBefore = (await keychainAccounts()).sort();
    });
    afterAll(async () => {
      for (const c of await call(core, 'connections.list', {})) await call(core, 'connections.remove', { connectionId: c.id });
      await core.close();
    });

    async function expectUnchanged() {
      expect(storedConnections(dataDir)).toBe(before);
      expect((await keychainAccounts()).sort()).toEqual(keychainBefore);
      expect(await call(core, 'connections.list', {})).toHaveLength(1);
    }

    it('wrong password → wrong_credentials', async () => {
      const reply = await core.dispatch('connections.add', { baseUrl: provider.url, email: agency.email, password: 'Not-The-Password-1!' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } });
      if (!reply.ok) expect(reply.error.message).toMatch(/email or password is not right/);
      await expectUnchanged();
    });

    it('unreachable provider → provider_unreachable', async () => {
      const port = await closedPort();
      const reply = await core.dispatch('connections.add', { baseUrl: `http://127.0.0.1:${port}`, email: agency.email, password: agency.password });
      expect(reply).toMatchObject({ ok: false, error: { code: 'provider_unreachable' } });
      await expectUnchanged();
    });

    it('plain http to a remote host → insecure_url, before any network call', async () => {
      const reply = await core.dispatch('connections.add', { baseUrl: 'http://clientarea.example.com', email: agency.email, password: agency.password });
      expect(reply).toMatchObject({ ok: false, error: { code: 'insecure_url' } });
      await expectUnchanged();
    });

    it('an unparsable address → invalid_url', async () => {
      const reply = await core.dispatch('connections.add', { baseUrl: 'https://exa mple', email: agency.email, password: agency.password });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_url' } });
      await expectUnchanged();
    });

    it('a malformed message → invalid_message', async () => {
      const reply = await core.dispatch('connections.add', { baseUrl: provider.url, email: agency.email, password: agency.password, isDemo: true });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      await expectUnchanged();
    });
  });
});
