import type { VaultStatus } from '../../src-shared/ipc/channels/vault.js';
import { keychainUnavailable } from './keychain-failure.js';

/** Whether keytar could reach the OS keychain (the reason is for the user's hint, never a secret). */
export type KeytarProbe = { ok: true } | { ok: false; reason: string };

/**
 * What Electron's safeStorage offers; null outside Electron (web mode, tests). `linuxBackend` is
 * `safeStorage.getSelectedStorageBackend()` on Linux, null elsewhere.
 */
export type SafeStorageProbe = { encryptionAvailable: boolean; linuxBackend: string | null } | null;

/** Backends Linux's safeStorage may pick that do not really protect anything. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * Where connection secrets go (docs/ARCHITECTURE.md §3): the OS keychain through keytar first; where it does not
 * answer, Electron safeStorage — unless on Linux it fell back to `basic_text`, whose "encryption"
 * is a key hard-coded in Chromium, which would be plain text by another name; otherwise memory
 * only, so the user can go on (the demo always starts) while being told that sign-ins are
 * forgotten on quitting, and what to install. Never a plain file. The message is said once, at start.
 */
export function chooseVaultBackend(keytar: KeytarProbe, safeStorage: SafeStorageProbe, platform: NodeJS.Platform): VaultStatus {
  if (keytar.ok) return { backend: 'keychain', message: null };
  const hint = keychainUnavailable(keytar.reason).message.replace(/^Clientdeck cannot store your sign-in securely\. /, '');
  const weak = platform === 'linux' && safeStorage !== null && WEAK_LINUX_BACKENDS.has(safeStorage.linuxBackend ?? 'unknown');
  if (safeStorage?.encryptionAvailable && !weak) {
    const via = platform === 'linux' && safeStorage.linuxBackend ? ` (${safeStorage.linuxBackend})` : '';
    return {
      backend: 'safe_storage',
      message:
        `The system keychain did not answer, so Clientdeck keeps your sign-ins encrypted with Electron's safeStorage${via} ` +
        `in its data folder instead. To use the keychain: ${hint}`,
    };
  }
  const why = weak
    ? "Electron's fallback store on this desktop (basic_text) would keep them readable by anyone with your files, so Clientdeck does not use it. "
    : '';
  return {
    backend: 'memory',
    message:
      'No keychain answers on this computer, so Clientdeck keeps sign-ins in memory only: the demo provider works as usual, ' +
      `and providers you add must be signed in to again after you quit Clientdeck. ${why}To have sign-ins remembered: ${hint}`,
  };
}
