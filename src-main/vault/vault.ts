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
}

export const VAULT_SERVICE = 'Clientdeck';
