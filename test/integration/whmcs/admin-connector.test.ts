/**
 * The real `whmcs-admin` connector, with the real sync engine, account cache and OS keychain,
 * against the WHMCS admin-API stand-in: paging over 5,000 clients, WHMCS's errors as coded errors,
 * users' permissions round trip, contacts, and the SSO link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import { capabilitiesOf } from '../../../src-main/connectors/capabilities.js';
import type { CredentialSlot } from '../../../src-main/connectors/connector.js';
import { joinSecretAndAccessKey } from '../../../src-main/connectors/whmcs/admin/admin-credential.js';
import { WhmcsAdminConnector } from '../../../src-main/connectors/whmcs/admin/whmcs-admin-connector.js';
import { EventHub } from '../../../src-main/events.js';
import { silentLogger } from '../../../src-main/logging.js';
import { AccountCache } from '../../../src-main/sync/account-cache.js';
import { SyncEngine } from '../../../src-main/sync/sync-engine.js';
import { KeytarVault } from '../../../src-main/vault/keytar-vault.js';
import { closedPort, requireSecretService, tempDir } from '../main/fixtures/environment.js';
import { STAND_IN_CREDENTIAL, startAdminStandIn, type AdminStandIn } from '../../whmcs-stand-in/admin/server.js';

const { identifier, secret } = STAND_IN_CREDENTIAL;
const vault = new KeytarVault();
const vaultIds: string[] = [];
const dirs: string[] = [];

function keychainSlot(): CredentialSlot & { id: string } {
  const id = `whmcs-admin-test-${randomUUID()}`;
  vaultIds.push(id);
  return { id, read: () => vault.get(id), write: (value) => vault.set(id, value) };
}

function connectorFor(standIn: { url: string }, credentials: CredentialSlot = keychainSlot()) {
  return new WhmcsAdminConnector({ baseUrl: standIn.url, credentials, logger: silentLogger(), timeoutMs: 5_000 });
}

/** The sync engine and cache of the app over one `whmcs-admin` connection. */
function syncOver(connector: WhmcsAdminConnector, baseUrl: string, pageSize: number) {
  const dataDir = tempDir('whmcs-admin');
  dirs.push(dataDir);
  const connection: Connection = {
    id: randomUUID(),
    label: 'WHMCS',
    baseUrl,
    kind: 'whmcs-admin',
    email: identifier,
    isDemo: false,
    capabilities: capabilitiesOf(connector),
    createdAt: new Date().toISOString(),
  };
  const cache = new AccountCache(dataDir, silentLogger());
  const sync = new SyncEngine({
    connections: { list: () => [connection], connectorFor: async () => ({ connection, connector }) },
    cache,
    events: new EventHub(),
    logger: silentLogger(),
    retries: 0,
    pageSize,
  });
  return { connection, cache, sync, dataDir };
}

afterEach(async () => {
  for (const id of vaultIds.splice(0)) await vault.delete(id);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('whmcs-admin connector against the WHMCS admin-API stand-in', () => {
  let big: AdminStandIn;
  let standIn: AdminStandIn;
  beforeAll(async () => {
    await requireSecretService();
    big = await startAdminStandIn({ clients: 5_000 });
    standIn = await startAdminStandIn({ clients: 5, accessKey: 'k3y!(x)' });
  });
  afterAll(async () => {
    await big?.close();
    await standIn?.close();
  });

  it('keeps the credential in the keychain only, and a new connector on the same slot works from it', async () => {
    const slot = keychainSlot();
    const user = await connectorFor(standIn, slot).signIn(identifier, secret);
    expect(user).toMatchObject({ id: identifier, status: 'active' });
    expect(JSON.parse((await vault.get(slot.id))!)).toEqual({ identifier, secret });
    const later = connectorFor(standIn, slot);
    await later.refresh();
    const page = await later.listAccountsPage({ cursor: null, limit: 10 });
    expect(page).toMatchObject({ notModified: false, nextCursor: null });
  });

  it('syncs 5,000 clients in ceil(5000 / page size) GetClients requests, each client once', async () => {
    const connector = connectorFor(big);
    await connector.signIn(identifier, secret);
    const pageSize = 300;
    const { connection, cache, sync, dataDir } = syncOver(connector, big.url, pageSize);
    const before = big.count('GetClients');
    const status = await sync.syncOne(connection.id);
    expect(status).toMatchObject({ state: 'synced' });
    expect(big.count('GetClients') - before).toBe(Math.ceil(5000 / pageSize));
    const accounts = cache.read(connection.id).accounts;
    expect(accounts).toHaveLength(5000);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(5000);
    expect(accounts.find((a) => a.id === '3')).toMatchObject({ name: 'Company 3 Ltd', role: 'owner', scope: null });
    expect(sync.lastRun(connection.id)).toMatchObject({ mode: 'full', requests: Math.ceil(5000 / pageSize), accountsTransferred: 5000 });
    // GetClients has no change filter and no ETag: a re-sync reads every page again, and finds the same clients.
    const again = big.count('GetClients');
    expect(await sync.syncOne(connection.id)).toMatchObject({ state: 'synced' });
    expect(big.count('GetClients') - again).toBe(Math.ceil(5000 / pageSize));
    expect(cache.read(connection.id).accounts).toHaveLength(5000);
    // What the app writes to disk for this connection holds no trace of the API secret.
    await cache.flushed();
    const written = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) expect(fs.readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toContain(secret);
  });

  it('gives WHMCS errors as coded errors with its sentence, and stores nothing a sign-in was refused for', async () => {
    const slot = keychainSlot();
    await expect(connectorFor(standIn, slot).signIn(identifier, 'wrong-secret')).rejects.toMatchObject({
      code: 'wrong_credentials',
      message: expect.stringContaining('“Authentication Failed”'),
    });
    expect(await vault.get(slot.id)).toBeNull();

    standIn.allowIps(['192.0.2.1']);
    try {
      await expect(connectorFor(standIn).signIn(identifier, secret)).rejects.toMatchObject({
        code: 'forbidden',
        providerCode: 'invalid_ip',
        message: expect.stringContaining('“Invalid IP 127.0.0.1”'),
      });
      // Where the installation set an access key, it lets this computer past the IP restriction.
      const withKey = connectorFor(standIn);
      await withKey.signIn(identifier, joinSecretAndAccessKey(secret, 'k3y!(x)'));
      expect((await withKey.listAccountsPage({ cursor: null, limit: 2 })).notModified).toBe(false);
    } finally {
      standIn.allowIps(['127.0.0.1']);
    }

    // Credentials revoked after they were stored: the sync says "sign in again", not "wrong password".
    const revoked = connectorFor(standIn, { read: async () => JSON.stringify({ identifier, secret: 'revoked' }), write: async () => undefined });
    const { connection, sync } = syncOver(revoked, standIn.url, 100);
    expect(await sync.syncOne(connection.id)).toMatchObject({ state: 'needs_sign_in', message: expect.stringContaining('Authentication Failed') });

    const limited = await startAdminStandIn({ credentials: [{ identifier: 'ro', secret: 'ro-secret', allowedActions: new Set(['getclients']) }] });
    try {
      const connector = connectorFor(limited);
      await connector.signIn('ro', 'ro-secret');
      await expect(connector.contacts.list('1')).rejects.toMatchObject({
        code: 'forbidden',
        providerCode: 'invalid_permissions',
        message: expect.stringContaining('API action "getcontacts" is not allowed'),
      });
    } finally {
      await limited.close();
    }

    const connector = connectorFor(standIn);
    await connector.signIn(identifier, secret);
    await expect(connector.sso.createLink('999')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('“Invalid client_id”') });
    await expect(connector.team.invite('999', { email: 'x@example.test', permissions: ['tickets'] })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('“Invalid client id”'),
    });
    await expect(connector.contacts.create('999', { name: 'No One', email: 'no@example.test' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('round-trips a user’s permissions through WHMCS’s keys, invites with chosen ones, and removes access', async () => {
    const connector = connectorFor(standIn);
    await connector.signIn(identifier, secret);
    const users = await connector.team.listUsers('1');
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['client1@example.test', 'owner'],
      ['webdev@example.test', 'member'],
    ]);
    const helper = users[1]!;
    expect(helper.permissions).toEqual(['services.view', 'services.manage', 'domains.view', 'tickets']);

    const updated = await connector.team.updateUser('1', helper.userId, { permissions: ['billing.invoices', 'tickets', 'services.sso'] });
    expect(updated.permissions).toEqual(['services.sso', 'billing.invoices', 'tickets']);
    expect(standIn.world.links.find((l) => String(l.userId) === helper.userId)?.permissions).toEqual(['productsso', 'invoices', 'tickets']);
    await expect(connector.team.updateUser('1', users[0]!.userId, { permissions: ['tickets'] })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Permissions cannot be set on a client owner'),
    });
    await expect(connector.team.updateUser('1', helper.userId, { role: 'admin' })).rejects.toMatchObject({ code: 'not_supported' });

    const invitation = await connector.team.invite('2', { email: 'New.Dev@Example.test', permissions: ['domains.view', 'domains.manage', 'users.manage'] });
    expect(invitation).toMatchObject({
      accountId: '2',
      email: 'new.dev@example.test',
      role: 'member',
      status: 'pending',
      permissions: ['domains.view', 'domains.manage'],
    });
    expect(standIn.world.invites.at(-1)).toEqual({ clientId: 2, email: 'new.dev@example.test', permissions: ['domains', 'managedomains'] });
    await expect(connector.team.invite('1', { email: 'webdev@example.test', permissions: ['tickets'] })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('User already associated with client'),
    });
    await expect(connector.team.invite('1', { customerNumber: '12345', consent: true, permissions: ['tickets'] })).rejects.toMatchObject({
      code: 'not_supported',
    });
    await expect(connector.team.resendInvitation('1', invitation.id)).rejects.toMatchObject({ code: 'not_supported' });

    await connector.team.revokeUser('1', helper.userId);
    expect((await connector.team.listUsers('1')).map((u) => u.email)).toEqual(['client1@example.test']);
    await expect(connector.team.revokeUser('1', users[0]!.userId)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('account owner'),
    });
    await expect(connector.team.leave('1')).rejects.toMatchObject({ code: 'not_supported' });
  });

  it('lists, adds, updates and deletes a client’s contacts with their email preferences', async () => {
    const connector = connectorFor(standIn);
    await connector.signIn(identifier, secret);
    const [billing] = await connector.contacts.list('1');
    expect(billing).toMatchObject({ name: 'Billing Person', region: 'West Yorkshire', preferences: { general: true, billing: true, services: false } });

    const added = await connector.contacts.create('4', {
      name: 'Mary Ann Jones',
      email: 'mary@example.test',
      country: 'gb',
      preferences: { general: false, services: true, domains: true, billing: false, support: true },
    });
    expect(added).toMatchObject({
      accountId: '4',
      name: 'Mary Ann Jones',
      country: 'GB',
      preferences: { general: false, services: true, domains: true, support: true },
    });
    expect(standIn.world.contacts.find((c) => String(c.id) === added.id)).toMatchObject({ firstname: 'Mary', lastname: 'Ann Jones', productemails: true });

    const changed = await connector.contacts.update('4', added.id, { city: 'Bath', preferences: { billing: true } });
    expect(changed).toMatchObject({ city: 'Bath', preferences: { billing: true, services: true } });
    // A contact of another client is not reachable through this one, although UpdateContact takes an id alone.
    await expect(connector.contacts.update('1', added.id, { city: 'Elsewhere' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(connector.contacts.create('1', { name: 'Dup', email: 'mary@example.test' })).rejects.toMatchObject({ code: 'conflict' });

    const promoted = await connector.contacts.promote('4', added.id, { role: 'member', permissions: ['tickets'] });
    expect(promoted).toMatchObject({ email: 'mary@example.test', permissions: ['tickets'] });
    await connector.contacts.delete('4', added.id);
    expect(await connector.contacts.list('4')).toEqual([]);
  });

  it('opens a client’s area with a one-time CreateSsoToken link', async () => {
    const connector = connectorFor(standIn);
    await connector.signIn(identifier, secret);
    const link = await connector.sso.createLink('3');
    expect(link.url.startsWith(`${standIn.url}/oauth/singlesignon.php?access_token=`)).toBe(true);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const landed = await fetch(link.url, { redirect: 'manual' });
    expect(landed.headers.get('location')).toBe('/clientarea.php?client=3');
  });

  it('tells an address that is not WHMCS, or not reachable, apart', async () => {
    const port = await closedPort();
    const down = connectorFor({ url: `http://127.0.0.1:${port}` });
    expect(await down.probe()).toBe(false);
    await expect(down.signIn(identifier, secret)).rejects.toMatchObject({ code: 'provider_unreachable' });
    expect(await connectorFor(standIn).probe()).toBe(true);

    const notWhmcs = connectorFor({ url: `${standIn.url}/somewhere-else` });
    await expect(notWhmcs.signIn(identifier, secret)).rejects.toMatchObject({
      code: 'provider_error',
      message: expect.stringContaining('No WHMCS API answered'),
    });
  });
});
