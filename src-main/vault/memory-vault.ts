import type { Vault } from './vault.js';

/**
 * Where no keychain answers and nothing safe is left to write to: secrets live in this process
 * only, so the demo works and real providers can be used for the session, and quitting forgets
 * them (the connections stay, and ask for their password again). Nothing ever reaches the disk.
 */
export class MemoryVault implements Vault {
  readonly #secrets = new Map<string, string>();

  async set(connectionId: string, secret: string): Promise<void> {
    this.#secrets.set(connectionId, secret);
  }

  async get(connectionId: string): Promise<string | null> {
    return this.#secrets.get(connectionId) ?? null;
  }

  async delete(connectionId: string): Promise<void> {
    this.#secrets.delete(connectionId);
  }
}
