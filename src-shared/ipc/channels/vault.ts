/** The vault: where the connections' sign-ins are kept. */
import { z } from 'zod';
import { NoInput } from '../request-parts.js';

/**
 * Where connection secrets are kept: the OS keychain (keytar), Electron safeStorage (encrypted
 * files in the data dir, when no keychain answers), or nowhere (neither exists: sign-ins cannot be
 * stored, and `message` says why and what to install).
 */
export const VaultBackend = z.enum(['keychain', 'safe_storage', 'none']);
export const VaultStatus = z.object({ backend: VaultBackend, message: z.string().nullable() });
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultChannels = {
  /** Which store keeps the sign-ins, and a sentence when it is not the OS keychain. */
  'vault.status': { input: NoInput, output: VaultStatus },
} as const;
