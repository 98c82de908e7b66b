import { describe, expect, it } from 'vitest';
import { keychainUnavailable } from '../../../src-main/vault/keychain-failure.js';

describe('keychainUnavailable', () => {
  it('explains a missing D-Bus session', () => {
    const error = keychainUnavailable(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toMatch(/Secret Service such as gnome-keyring/);
    expect(error.reason).toContain('D-Bus');
  });

  it('explains a missing libsecret', () => {
    const error = keychainUnavailable(new Error('libsecret-1.so.0: cannot open shared object file'));
    expect(error.message).toMatch(/install libsecret/);
  });

  it('still says what to do for anything else', () => {
    const error = keychainUnavailable('org.freedesktop.Secret.Error.IsLocked');
    expect(error.code).toBe('keychain_unavailable');
    expect(error.message).toMatch(/running and unlocked/);
  });
});
