import type { Logger } from 'pino';
import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import { chooseVaultBackend } from './backend-choice.js';
import { KeytarVault } from './keytar-vault.js';
import { MemoryVault } from './memory-vault.js';
import type { Vault } from './vault.js';

/**
 * The vault outside Electron (web mode), decided once at start by `chooseVaultBackend`: the
 * keychain when keytar reaches it, otherwise memory for this session, since there is no
 * safeStorage here. Deciding once keeps a session's secrets in one place: a keychain that starts
 * answering later cannot hide the sign-ins already kept in memory.
 */
export async function openSessionVault(logger: Logger): Promise<{ vault: Vault; status: VaultStatus }> {
  const keytar = new KeytarVault(logger.child({ module: 'vault' }));
  const status = chooseVaultBackend(await keytar.probe(), null, process.platform);
  logger.info({ backend: status.backend }, 'secret store chosen');
  return { vault: status.backend === 'keychain' ? keytar : new MemoryVault(), status };
}
