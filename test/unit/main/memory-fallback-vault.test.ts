import { describe, expect, it } from 'vitest';
import { ClientdeckError } from '../../../src-main/errors.js';
import { MemoryFallbackVault } from '../../../src-main/vault/memory-fallback-vault.js';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';
import type { Vault } from '../../../src-main/vault/vault.js';

/** A keychain that answers until `locked` is set, then refuses as keytar does. */
function keychain(): Vault & { locked: boolean; items: MemoryVault } {
  const items = new MemoryVault();
  const refuse = () => {
    throw new ClientdeckError('keychain_unavailable', 'The system keychain did not answer.');
  };
  const store = {
    locked: false,
    items,
    set: async (id: string, secret: string) => (store.locked ? refuse() : items.set(id, secret)),
    get: async (id: string) => (store.locked ? refuse() : items.get(id)),
    delete: async (id: string) => (store.locked ? refuse() : items.delete(id)),
  };
  return store;
}

describe("MemoryFallbackVault (the demo's secrets)", () => {
  it('uses the keychain while it answers', async () => {
    const primary = keychain();
    const vault = new MemoryFallbackVault(primary);
    await vault.set('demo', 'cdr_1');
    expect(await primary.items.get('demo')).toBe('cdr_1');
    expect(await vault.get('demo')).toBe('cdr_1');
    await vault.delete('demo');
    expect(await primary.items.get('demo')).toBeNull();
  });

  it('keeps the secret in memory when the keychain stops answering, and prefers it while it is the newest', async () => {
    const primary = keychain();
    const vault = new MemoryFallbackVault(primary);
    await vault.set('demo', 'cdr_old');
    primary.locked = true;
    expect(await vault.get('demo')).toBeNull();
    await vault.set('demo', 'cdr_rotated');
    expect(await vault.get('demo')).toBe('cdr_rotated');
    primary.locked = false;
    // The keychain still holds the older, spent token: the session's newer one wins.
    expect(await vault.get('demo')).toBe('cdr_rotated');
    await vault.set('demo', 'cdr_back');
    expect(await primary.items.get('demo')).toBe('cdr_back');
    expect(await vault.get('demo')).toBe('cdr_back');
  });

  it('removes without a keychain, and passes on every other failure', async () => {
    const primary = keychain();
    const vault = new MemoryFallbackVault(primary);
    primary.locked = true;
    await vault.set('demo', 'cdr_x');
    await expect(vault.delete('demo')).resolves.toBeUndefined();
    expect(await vault.get('demo')).toBeNull();

    const broken: Vault = {
      set: async () => {
        throw new Error('disk full');
      },
      get: async () => {
        throw new Error('disk full');
      },
      delete: async () => {
        throw new Error('disk full');
      },
    };
    const strict = new MemoryFallbackVault(broken);
    await expect(strict.set('demo', 'cdr_x')).rejects.toThrow('disk full');
    await expect(strict.get('demo')).rejects.toThrow('disk full');
    await expect(strict.delete('demo')).rejects.toThrow('disk full');
  });
});
