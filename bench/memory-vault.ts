import type { Vault } from '../src-main/vault/vault.js';

/** Secrets in memory: a benchmark needs no keychain, and its logins are thrown away with it. */
export class MemoryVault implements Vault {
  readonly #secrets = new Map<string, string>();
  async set(id: string, secret: string) {
    this.#secrets.set(id, secret);
  }
  async get(id: string) {
    return this.#secrets.get(id) ?? null;
  }
  async delete(id: string) {
    this.#secrets.delete(id);
  }
}
