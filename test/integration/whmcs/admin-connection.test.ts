/**
 * A `whmcs-admin` connection through the app's own front door (`connections.add` and the channels
 * after it, on the real core with the OS keychain) against the WHMCS admin-API stand-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, keychainItem, newCore, requireSecretService, storedConnections, tempDir } from '../main/fixtures/environment.js';
import { STAND_IN_CREDENTIAL, startAdminStandIn, type AdminStandIn } from '../../whmcs-stand-in/admin/server.js';

const { identifier, secret } = STAND_IN_CREDENTIAL;

describe('a whmcs-admin connection in the app', () => {
  let standIn: AdminStandIn;
  beforeAll(async () => {
    await requireSecretService();
    standIn = await startAdminStandIn({ clients: 4 });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it('is added with API credentials, lists every client, manages a user, signs in again and is removed', async () => {
    const dataDir = tempDir('whmcs-admin-connection');
    const core = newCore(dataDir);
    try {
      const wrong = await core.dispatch('connections.add', { kind: 'whmcs-admin', baseUrl: standIn.url, email: identifier, password: 'nope' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } });

      const connection = await call(core, 'connections.add', {
        kind: 'whmcs-admin',
        baseUrl: standIn.url,
        email: identifier,
        password: secret,
        label: 'Billing',
      });
      expect(connection).toMatchObject({ kind: 'whmcs-admin', label: 'Billing' });
      // What the admin API cannot do is absent, so the UI hides it for this connection.
      expect(connection.capabilities).toEqual(['accounts.list', 'invitations.incoming', 'invitations.answer', 'users.manage', 'contacts', 'sso']);
      await core.idle();

      const accounts = await call(core, 'accounts.list', {});
      expect(accounts.map((a: { id: string }) => a.id).sort()).toEqual(['1', '2', '3', '4']);
      expect(JSON.parse((await keychainItem(connection.id))!)).toEqual({ identifier, secret });
      expect(storedConnections(dataDir)).not.toContain(secret);

      const team = await call(core, 'team.get', { connectionId: connection.id, accountId: '1' });
      const helper = team.users.find((u: { email: string }) => u.email === 'webdev@example.test');
      expect(helper.permissions).toEqual(['services.view', 'services.manage', 'domains.view', 'tickets']);
      const updated = await call(core, 'team.updateUser', {
        connectionId: connection.id,
        accountId: '1',
        userId: helper.userId,
        changes: { permissions: ['tickets'] },
      });
      expect(updated.permissions).toEqual(['tickets']);

      // Signing in again gets the lower-cased login the list keeps; the identifier goes to WHMCS as first typed.
      expect(connection.email).toBe(identifier.toLowerCase());
      await call(core, 'connections.reauthenticate', { connectionId: connection.id, password: secret });
      expect(JSON.parse((await keychainItem(connection.id))!)).toEqual({ identifier, secret });

      await call(core, 'connections.remove', { connectionId: connection.id });
      expect(await keychainItem(connection.id)).toBeNull();
    } finally {
      await core.close();
      fs.rmSync(path.join(dataDir), { recursive: true, force: true });
    }
  });

  it('takes the access key where the installation restricts API IPs, and gives each refusal its code and WHMCS’s sentence', async () => {
    const restricted = await startAdminStandIn({
      clients: 2,
      allowedIps: ['203.0.113.9'],
      accessKey: 'k3y-of-the-install',
      credentials: [STAND_IN_CREDENTIAL, { identifier: 'ReadOnlyRole', secret: 'r3ad-only', allowedActions: new Set(['getusers']) }],
    });
    const dataDir = tempDir('whmcs-admin-access-key');
    const core = newCore(dataDir);
    const add = (fields: Record<string, unknown>) => core.dispatch('connections.add', { kind: 'whmcs-admin', baseUrl: restricted.url, ...fields });
    try {
      expect(await add({ email: identifier, password: secret })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('Invalid IP 127.0.0.1') },
      });
      expect(await add({ email: identifier, password: secret, accessKey: 'not-the-key' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await add({ email: identifier, password: 'nope', accessKey: 'k3y-of-the-install' })).toMatchObject({
        ok: false,
        error: { code: 'wrong_credentials', message: expect.stringContaining('Authentication Failed') },
      });
      expect(await add({ email: 'ReadOnlyRole', password: 'r3ad-only', accessKey: 'k3y-of-the-install' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('Invalid Permissions: API action "getclients" is not allowed') },
      });
      // Nothing was kept of a refused sign-in.
      expect(await call(core, 'connections.list', {})).toEqual([]);
      // An access key belongs to the admin API: another kind refuses it instead of dropping it silently.
      expect(
        await core.dispatch('connections.add', { kind: 'whmcs', baseUrl: restricted.url, email: 'a@b.test', password: 'x', accessKey: 'k' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'invalid_message' },
      });

      const connection = await call(core, 'connections.add', {
        email: identifier,
        password: secret,
        accessKey: 'k3y-of-the-install',
        kind: 'whmcs-admin',
        baseUrl: restricted.url,
      });
      expect(JSON.parse((await keychainItem(connection.id))!)).toEqual({ identifier, secret, accessKey: 'k3y-of-the-install' });
      const [synced] = await call(core, 'sync.now', { connectionId: connection.id });
      expect(synced).toMatchObject({ state: 'synced' });
      // Signing in again with the secret alone keeps the stored access key: the IP check still passes.
      await call(core, 'connections.reauthenticate', { connectionId: connection.id, password: secret });
      expect(JSON.parse((await keychainItem(connection.id))!)).toEqual({ identifier, secret, accessKey: 'k3y-of-the-install' });
    } finally {
      await core.close();
      await restricted.close();
      fs.rmSync(path.join(dataDir), { recursive: true, force: true });
    }
  });
});
