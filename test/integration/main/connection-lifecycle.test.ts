import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.js';
import { IPC_CHANNELS, ipcContract } from '../../../src-shared/ipc/contract.js';
import type { IpcEventPayload } from '../../../src-shared/ipc/events.js';
import { SAMPLES } from '../../unit/main/fixtures/channel-samples.js';
import { call, keychainItem, newCore, requireSecretService, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type Login, type SeededProvider } from './fixtures/provider.js';

/** Every byte main keeps in its data dir, as one digest. */
function snapshot(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('a connection through its life', () => {
  let provider: SeededProvider;
  let me: Login;
  const dataDir = tempDir('lifecycle');
  let core: ReturnType<typeof newCore>;
  let connection: Connection;

  beforeAll(async () => {
    await requireSecretService();
    provider = await startSeededProvider();
    me = await addLogin(provider, 'Webmaster');
    await addAccounts(provider, me, 3, 'Site');
    core = newCore(dataDir, { syncRetries: 0 });
    connection = await call(core, 'connections.add', { baseUrl: provider.url, email: me.email, password: me.password, label: 'Hosting' });
    await core.idle();
  });
  afterAll(async () => {
    await core?.close();
    await provider?.close();
  });

  it('is renamed everywhere it is shown', async () => {
    const renamed: Connection = await call(core, 'connections.rename', { connectionId: connection.id, label: '  Main hosting ' });
    expect(renamed).toMatchObject({ id: connection.id, label: 'Main hosting' });
    expect(((await call(core, 'connections.list', {})) as Connection[])[0]!.label).toBe('Main hosting');
    expect(((await call(core, 'accounts.list', {})) as ListedAccount[]).every((a) => a.providerLabel === 'Main hosting')).toBe(true);
    expect(await core.dispatch('connections.rename', { connectionId: 'nope', label: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('connections.rename', { connectionId: connection.id, label: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_message' },
    });
  });

  it('shows needs sign-in when the provider revoked its sign-in, and re-authenticates with a new password', async () => {
    const before = await keychainItem(connection.id);
    // The provider ends every session of this login (a password reset elsewhere, say); a fresh start has no access token.
    await provider.db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', me.id).execute();
    await core.close();
    core = newCore(dataDir, { syncRetries: 0 });
    const [status] = (await call(core, 'sync.now', { connectionId: connection.id })) as SyncStatus[];
    expect(status).toMatchObject({ state: 'needs_sign_in', message: expect.stringMatching(/Sign in again/) });
    // The cached accounts stay visible meanwhile.
    expect(await call(core, 'accounts.list', {})).toHaveLength(3);

    const wrong = await core.dispatch('connections.reauthenticate', { connectionId: connection.id, password: 'Not-The-Password-1!' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_credentials' } });
    expect(await keychainItem(connection.id)).toBe(before);
    expect(((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state).toBe('needs_sign_in');

    expect(await call(core, 'connections.reauthenticate', { connectionId: connection.id, password: me.password })).toMatchObject({ id: connection.id });
    const after = await keychainItem(connection.id);
    expect(after).toMatch(/\S{20,}/);
    expect(after).not.toBe(before);
    // It leaves needs sign-in at once (syncing), and ends synced.
    expect(((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state).not.toBe('needs_sign_in');
    await core.idle();
    expect(((await call(core, 'sync.status', {})) as SyncStatus[])[0]!.state).toBe('synced');
    // The password itself is nowhere on disk.
    const everything = fs
      .readdirSync(dataDir, { recursive: true })
      .map(String)
      .filter((f) => fs.statSync(path.join(dataDir, f)).isFile());
    for (const f of everything) expect(fs.readFileSync(path.join(dataDir, f)).includes(Buffer.from(me.password)), f).toBe(false);
  });

  it('keeps settings across restarts and refuses bad ones', async () => {
    expect(await call(core, 'settings.get', {})).toEqual({ language: null, theme: 'system' });
    const changes: IpcEventPayload<'data.changed'>[] = [];
    const off = core.events.on((event, payload) => {
      if (event === 'data.changed') changes.push(payload as IpcEventPayload<'data.changed'>);
    });
    expect(await call(core, 'settings.update', { language: 'it' })).toEqual({ language: 'it', theme: 'system' });
    expect(await call(core, 'settings.update', { theme: 'dark' })).toEqual({ language: 'it', theme: 'dark' });
    expect(await core.dispatch('settings.update', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await new Promise((r) => setTimeout(r, 60));
    off();
    expect(changes.some((c) => c.lists.includes('settings'))).toBe(true);
    await core.close();
    core = newCore(dataDir);
    expect(await call(core, 'settings.get', {})).toEqual({ language: 'it', theme: 'dark' });
  });

  it('says where sign-ins are kept', async () => {
    expect(await call(core, 'vault.status', {})).toEqual({ backend: 'keychain', message: null });
  });

  it('turns a clientdeck:// link into a navigate event for the matching connection', async () => {
    const seen: IpcEventPayload<'navigate'>[] = [];
    const off = core.events.on((event, payload) => {
      if (event === 'navigate') seen.push(payload as IpcEventPayload<'navigate'>);
    });
    const [account] = (await call(core, 'accounts.list', {})) as ListedAccount[];
    core.openDeepLink(`clientdeck://accounts/${new URL(provider.url).host}/${account!.id}`);
    core.openDeepLink('clientdeck://invitations/elsewhere.example/inv_1');
    expect(core.openDeepLink('https://evil.example/clientdeck://invitations')).toBeNull();
    off();
    expect(seen).toEqual([
      { view: 'account', connectionId: connection.id, accountId: account!.id },
      { view: 'invitations', invitationId: 'inv_1' },
    ]);
  });

  it('refuses every malformed message on every channel without changing anything it stores', async () => {
    await core.idle();
    const before = snapshot(dataDir);
    const keychainBefore = await keychainItem(connection.id);
    const hostile = fc.oneof(fc.anything(), fc.constantFrom('', 'x'.repeat(5000), "'; DELETE FROM actions; --", null, [], {}, -1));
    const message = fc.constantFrom(...IPC_CHANNELS).chain((channel) => {
      const sample = SAMPLES[channel].input as Record<string, unknown>;
      const keys = Object.keys(sample);
      return fc.tuple(
        fc.constant(channel),
        fc.oneof(
          hostile,
          keys.length > 0 ? fc.tuple(fc.constantFrom(...keys), hostile).map(([k, v]) => ({ ...sample, [k]: v })) : hostile,
          fc.string({ minLength: 1, maxLength: 20 }).map((k) => ({ ...sample, [`extra_${k}`]: true })),
        ),
      );
    });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(message, async ([channel, input]) => {
        fc.pre(!ipcContract[channel].input.safeParse(input).success);
        const reply = await core.dispatch(channel, input);
        expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
        refused++;
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(300);
    await core.idle();
    expect(snapshot(dataDir)).toBe(before);
    expect(await keychainItem(connection.id)).toBe(keychainBefore);
    expect(((await call(core, 'connections.list', {})) as Connection[]).map((c) => c.id)).toEqual([connection.id]);
  });

  it('is removed with its keychain item, cache, queue and marks', async () => {
    const [account] = (await call(core, 'accounts.list', {})) as ListedAccount[];
    await call(core, 'accounts.setFavourite', { connectionId: connection.id, accountId: account!.id, favourite: true });
    expect(await call(core, 'connections.remove', { connectionId: connection.id })).toEqual({ removed: true });
    expect(await keychainItem(connection.id)).toBeNull();
    expect(fs.readdirSync(path.join(dataDir, 'cache'))).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'account-marks.json'), 'utf8')).not.toContain(connection.id);
    expect(await call(core, 'accounts.list', {})).toEqual([]);
    expect(await call(core, 'queue.list', {})).toEqual([]);
  });
});
