import { ClientdeckError } from '../errors.js';

/**
 * Turns whatever keytar throws (it cannot load without libsecret; it cannot reach a Secret
 * Service without a D-Bus session) into one error the user can act on. The original message is
 * kept only for the log: it never contains the secret.
 */
export function keychainUnavailable(cause: unknown): ClientdeckError & { reason: string } {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const lower = reason.toLowerCase();
  let hint: string;
  if (lower.includes('libsecret') || lower.includes('cannot find module') || lower.includes('.node') || lower.includes('shared object')) {
    hint = 'The keychain library could not be loaded: install libsecret (Debian/Ubuntu: `sudo apt install libsecret-1-0`) and restart Clientdeck.';
  } else if (lower.includes('d-bus') || lower.includes('dbus') || lower.includes('x11') || lower.includes('display')) {
    hint =
      'No desktop session bus is running, so the keychain cannot be reached: start Clientdeck inside a desktop session ' +
      'with a Secret Service such as gnome-keyring (or KeePassXC with Secret Service enabled) running and unlocked.';
  } else {
    hint = 'The system keychain did not answer: make sure a Secret Service such as gnome-keyring is running and unlocked, then try again.';
  }
  const error = new ClientdeckError('keychain_unavailable', `Clientdeck cannot store your sign-in securely. ${hint}`) as ClientdeckError & {
    reason: string;
  };
  error.reason = reason;
  return error;
}
