import { isClientdeckError } from '../errors.js';
import { MemoryVault } from './memory-vault.js';
import type { Vault } from './vault.js';

const unreachable = (error: unknown) => isClientdeckError(error) && error.code === 'keychain_unavailable';

/**
 * The demo's vault: the chosen store while it answers, memory for the session when it stops
 * answering (a keyring locked after start). The demo signs in with a public sample login, so a
 * session-only secret costs nothing but a sign-in at the next start, and the demo always starts.
 * Real providers never use this: their secrets are not silently moved out of the keychain.
 */
export class MemoryFallbackVault implements Vault {
  readonly #memory = new MemoryVault();

  constructor(private readonly primary: Vault) {}

  async set(connectionId: string, secret: string): Promise<void> {
    try {
      await this.primary.set(connectionId, secret);
      await this.#memory.delete(connectionId);
    } catch (error) {
      if (!unreachable(error)) throw error;
      await this.#memory.set(connectionId, secret);
    }
  }

  async get(connectionId: string): Promise<string | null> {
    // A secret kept in memory is the newest: it was written when the store did not answer.
    const kept = await this.#memory.get(connectionId);
    if (kept !== null) return kept;
    try {
      return await this.primary.get(connectionId);
    } catch (error) {
      if (unreachable(error)) return null;
      throw error;
    }
  }

  async delete(connectionId: string): Promise<void> {
    await this.#memory.delete(connectionId);
    try {
      await this.primary.delete(connectionId);
    } catch (error) {
      if (!unreachable(error)) throw error;
    }
  }
}
