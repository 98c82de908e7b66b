import type { Logger } from 'pino';
import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import { isClientdeckError } from '../errors.js';
import { chooseVaultBackend, type KeytarProbe } from './backend-choice.js';
import { keychainUnavailable } from './keychain-failure.js';
import { VAULT_SERVICE, type Vault } from './vault.js';

/** The keychain item read by a probe; it never exists, reading it only proves the keychain answers. */
const PROBE_ACCOUNT = 'clientdeck-probe';

interface Keytar {
  setPassword(service: string, account: string, password: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The OS keychain through keytar (service `Clientdeck`, account = connection id). keytar is loaded
 * on first use, not at import, because loading it fails where libsecret is missing and the app
 * must still start and explain what to install.
 */
export class KeytarVault implements Vault {
  #keytar: Promise<Keytar> | null = null;

  constructor(private readonly logger?: Logger) {}

  async set(connectionId: string, secret: string): Promise<void> {
    await this.#call('set', (k) => k.setPassword(VAULT_SERVICE, connectionId, secret));
  }

  async get(connectionId: string): Promise<string | null> {
    return this.#call('get', (k) => k.getPassword(VAULT_SERVICE, connectionId));
  }

  async delete(connectionId: string): Promise<void> {
    await this.#call('delete', (k) => k.deletePassword(VAULT_SERVICE, connectionId));
  }

  /** Whether the keychain answers right now (loading keytar and reaching the Secret Service). */
  async probe(): Promise<KeytarProbe> {
    try {
      const keytar = await this.#load();
      await keytar.getPassword(VAULT_SERVICE, PROBE_ACCOUNT);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Outside Electron there is no safeStorage: the keychain or nothing. */
  async describe(): Promise<VaultStatus> {
    return chooseVaultBackend(await this.probe(), null, process.platform);
  }

  #load(): Promise<Keytar> {
    this.#keytar ??= import('keytar').then((m) => (m as { default?: Keytar }).default ?? (m as unknown as Keytar));
    // A failed load is not cached: the user may install libsecret or unlock the keyring and retry.
    this.#keytar.catch(() => {
      this.#keytar = null;
    });
    return this.#keytar;
  }

  async #call<T>(operation: string, action: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      return await action(await this.#load());
    } catch (cause) {
      if (isClientdeckError(cause)) throw cause;
      const error = keychainUnavailable(cause);
      this.logger?.warn({ operation, reason: error.reason }, 'keychain unavailable');
      throw error;
    }
  }
}
