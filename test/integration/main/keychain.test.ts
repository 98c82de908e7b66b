import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeytarVault } from '../../../src-main/vault/keytar-vault.js';
import { keychainItem, requireSecretService } from './fixtures/environment.js';

const run = promisify(execFile);

describe('keytar vault', () => {
  beforeAll(requireSecretService);

  it('stores, reads and deletes a real Secret Service item', async () => {
    const vault = new KeytarVault();
    const id = `test-${Date.now()}`;
    expect(await vault.get(id)).toBeNull();
    await vault.set(id, 'cdr_secret-1');
    expect(await vault.get(id)).toBe('cdr_secret-1');
    expect(await keychainItem(id)).toBe('cdr_secret-1');
    await vault.set(id, 'cdr_secret-2');
    expect(await vault.get(id)).toBe('cdr_secret-2');
    await vault.delete(id);
    expect(await vault.get(id)).toBeNull();
    expect(await keychainItem(id)).toBeNull();
    await expect(vault.delete(id)).resolves.toBeUndefined();
    expect(await vault.describe()).toEqual({ backend: 'keychain', message: null });
  });
});

describe('without a keychain', () => {
  it('says keychain_unavailable and what to run', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const script = path.join(import.meta.dirname, 'fixtures/vault-without-keychain.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { env, cwd: path.resolve(import.meta.dirname, '../../..') });
    const result = JSON.parse(stdout) as {
      code?: string;
      message?: string;
      status?: { backend: string; message: string };
      sessionVault: { inMemory: boolean; readBack: string | null; status: { backend: string; message: string } };
    };
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toMatch(/Clientdeck cannot store your sign-in securely/);
    expect(result.message).toMatch(/Secret Service such as gnome-keyring/);
    // Outside Electron there is no safeStorage to fall back to: sign-ins are kept in memory for the session, and vault.status says so and why.
    expect(result.status).toMatchObject({ backend: 'memory', message: expect.stringMatching(/in memory only.*gnome-keyring/s) });
    expect(result.sessionVault).toEqual({ inMemory: true, readBack: 'kept-for-the-session', status: result.status });
  });
});
