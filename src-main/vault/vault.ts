import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';

/**
 * Where a connection's secret (its refresh token) lives. Implementations never write a secret
 * to disk in plain text and never log it.
 */
export interface Vault {
  set(connectionId: string, secret: string): Promise<void>;
  /** null when the connection has no secret stored. */
  get(connectionId: string): Promise<string | null>;
  /** Removing a secret that is not there is not an error. */
  delete(connectionId: string): Promise<void>;
  /** Which backend this is and, when it is not the keychain, the sentence the user is told. */
  describe?(): Promise<VaultStatus>;
}

export const VAULT_SERVICE = 'Clientdeck';
