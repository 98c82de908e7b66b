import path from 'node:path';
import { safeStorage } from 'electron';
import type { Logger } from 'pino';
import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import { chooseVaultBackend, type SafeStorageProbe } from '../vault/backend-choice.js';
import { EncryptedFileVault } from '../vault/encrypted-file-vault.js';
import { KeytarVault } from '../vault/keytar-vault.js';
import { MemoryVault } from '../vault/memory-vault.js';
import type { Vault } from '../vault/vault.js';

/**
 * Picks where sign-ins are kept, after the app is ready (safeStorage needs it): the decision is
 * `chooseVaultBackend`'s; this only asks keytar and safeStorage what they can do and builds the
 * chosen vault. With safeStorage, secrets are encrypted blobs in `<dataDir>/credentials/`.
 */
export async function selectVault(dataDir: string, logger: Logger): Promise<{ vault: Vault; status: VaultStatus }> {
  const keytar = new KeytarVault(logger.child({ module: 'vault' }));
  const keytarProbe = await keytar.probe();
  let safe: SafeStorageProbe = null;
  if (!keytarProbe.ok) {
    let encryptionAvailable = false;
    try {
      encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
    } catch (error) {
      logger.warn({ err: error }, 'safeStorage could not be asked');
    }
    safe = { encryptionAvailable, linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null };
  }
  const status = chooseVaultBackend(keytarProbe, safe, process.platform);
  logger.info({ backend: status.backend }, 'secret store chosen');
  if (status.backend === 'keychain') return { vault: keytar, status };
  if (status.backend === 'safe_storage') {
    const vault = new EncryptedFileVault(path.join(dataDir, 'credentials'), {
      encrypt: (plain) => safeStorage.encryptStringAsync(plain),
      decrypt: async (data) => (await safeStorage.decryptStringAsync(data)).result,
    });
    return { vault, status };
  }
  return { vault: new MemoryVault(), status };
}
