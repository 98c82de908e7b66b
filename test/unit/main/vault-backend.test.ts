import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chooseVaultBackend } from '../../../src-main/vault/backend-choice.js';
import { EncryptedFileVault, type SecretCipher } from '../../../src-main/vault/encrypted-file-vault.js';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';

const noDbus = { ok: false as const, reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY' };
const noLib = { ok: false as const, reason: 'libsecret-1.so.0: cannot open shared object file' };

describe('chooseVaultBackend', () => {
  it('takes the keychain whenever keytar answers', () => {
    expect(chooseVaultBackend({ ok: true }, { encryptionAvailable: true, linuxBackend: 'gnome_libsecret' }, 'linux')).toEqual({
      backend: 'keychain',
      message: null,
    });
    expect(chooseVaultBackend({ ok: true }, null, 'linux')).toEqual({ backend: 'keychain', message: null });
    expect(chooseVaultBackend({ ok: true }, { encryptionAvailable: false, linuxBackend: null }, 'darwin').backend).toBe('keychain');
  });

  it('falls back to safeStorage when it really encrypts, and says so with how to get the keychain', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      const choice = chooseVaultBackend(noDbus, { encryptionAvailable: true, linuxBackend: backend }, 'linux');
      expect(choice.backend).toBe('safe_storage');
      expect(choice.message).toContain(`safeStorage (${backend})`);
      expect(choice.message).toMatch(/gnome-keyring/);
    }
    expect(chooseVaultBackend(noLib, { encryptionAvailable: true, linuxBackend: null }, 'win32').backend).toBe('safe_storage');
    expect(chooseVaultBackend(noLib, { encryptionAvailable: true, linuxBackend: null }, 'darwin').message).not.toContain('safeStorage (');
  });

  it("refuses Linux's basic_text store and keeps sign-ins in memory only, saying why and what to install", () => {
    for (const linuxBackend of ['basic_text', 'unknown', null]) {
      const choice = chooseVaultBackend(noLib, { encryptionAvailable: true, linuxBackend }, 'linux');
      expect(choice.backend).toBe('memory');
      expect(choice.message).toMatch(/in memory only/);
      expect(choice.message).toMatch(/signed in to again after you quit/);
      expect(choice.message).toMatch(/libsecret-1-0/);
    }
    expect(chooseVaultBackend(noLib, { encryptionAvailable: true, linuxBackend: 'basic_text' }, 'linux').message).toMatch(/basic_text/);
  });

  it('keeps sign-ins in memory only without Electron or when safeStorage cannot encrypt, and says the demo still works', () => {
    const web = chooseVaultBackend(noDbus, null, 'linux');
    expect(web).toMatchObject({ backend: 'memory', message: expect.stringMatching(/desktop session/) });
    expect(web.message).toMatch(/demo provider works as usual/);
    expect(web.message).not.toMatch(/plain|readable/);
    expect(chooseVaultBackend(noDbus, { encryptionAvailable: false, linuxBackend: 'gnome_libsecret' }, 'linux').backend).toBe('memory');
    expect(chooseVaultBackend(noLib, null, 'darwin').backend).toBe('memory');
  });
});

/** AES-GCM with a key held in memory: stands in for the OS-held key of safeStorage. */
function testCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

describe('EncryptedFileVault (the safeStorage vault of the shell)', () => {
  it('keeps only ciphertext on disk, in private files named by a hash', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-vault-')), 'credentials');
    const vault = new EncryptedFileVault(dir, testCipher());
    const secret = 'cdr_refresh-token-that-must-not-leak';
    await vault.set('connection-1', secret);
    expect(await vault.get('connection-1')).toBe(secret);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.bin$/);
    const onDisk = fs.readFileSync(path.join(dir, files[0]!));
    expect(onDisk.includes(Buffer.from(secret))).toBe(false);
    expect(onDisk.includes(Buffer.from('connection-1'))).toBe(false);
    expect(fs.statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    await vault.set('connection-1', 'cdr_rotated');
    expect(await vault.get('connection-1')).toBe('cdr_rotated');
    await vault.delete('connection-1');
    expect(await vault.get('connection-1')).toBeNull();
    await expect(vault.delete('connection-1')).resolves.toBeUndefined();
  });

  it('refuses a cipher that would leave the secret readable, and asks to sign in again when the key changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-vault-'));
    const plain = new EncryptedFileVault(dir, { encrypt: async (s) => Buffer.from(`v10${s}`), decrypt: async (b) => b.toString().slice(3) });
    await expect(plain.set('c', 'cdr_secret')).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(fs.readdirSync(dir)).toEqual([]);

    await new EncryptedFileVault(dir, testCipher()).set('c', 'cdr_secret');
    await expect(new EncryptedFileVault(dir, testCipher()).get('c')).rejects.toMatchObject({ code: 'needs_sign_in' });
  });
});

describe('MemoryVault (no keychain, no safeStorage)', () => {
  it('keeps secrets for this process only, one per connection, and writes nothing to disk', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-vault-'));
    const vault = new MemoryVault();
    expect(await vault.get('c')).toBeNull();
    await vault.set('c', 'cdr_x');
    await vault.set('d', 'cdr_y');
    expect(await vault.get('c')).toBe('cdr_x');
    await vault.set('c', 'cdr_rotated');
    expect(await vault.get('c')).toBe('cdr_rotated');
    expect(await vault.get('d')).toBe('cdr_y');
    await vault.delete('c');
    expect(await vault.get('c')).toBeNull();
    await expect(vault.delete('c')).resolves.toBeUndefined();
    // A new process (a new vault) remembers nothing: that is what "until you quit" means.
    expect(await new MemoryVault().get('d')).toBeNull();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
