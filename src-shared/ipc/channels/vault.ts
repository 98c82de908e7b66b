/** The vault: where the connections' sign-ins are kept. */
import { z } from 'zod';
import { NoInput } from '../request-parts.js';

/**
 * Where connection secrets are kept: the OS keychain (keytar), Electron safeStorage (encrypted
 * files in the data dir, when no keychain answers), or memory only (neither exists: sign-ins last
 * until the app quits, and `message` says so and what to install to have them remembered).
 */
export const VaultBackend = z.enum(['keychain', 'safe_storage', 'memory']);
export const VaultStatus = z.object({ backend: VaultBackend, message: z.string().nullable() });
export type VaultStatus = z.infer<typeof VaultStatus>;

export const vaultChannels = {
  /** Which store keeps the sign-ins, and a sentence when it is not the OS keychain. */
  'vault.status': { input: NoInput, output: VaultStatus },
} as const;
