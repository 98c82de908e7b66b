import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twoFactorKeyFromEnv } from '../../../src-server/config/two-factor.js';
import { backupCodeDigest, decryptSecret, encryptSecret } from '../../../src-server/domain/two-factor-secrets.js';

describe('two-factor secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips under the key and login it was made for, and nowhere else', () => {
    const stored = encryptSecret(key, 'usr_1', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(stored).not.toContain('JBSWY3DP');
    expect(decryptSecret(key, 'usr_1', stored)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(decryptSecret(key, 'usr_2', stored)).toBeUndefined();
    expect(decryptSecret(randomBytes(32), 'usr_1', stored)).toBeUndefined();
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA');
    expect(decryptSecret(key, 'usr_1', tampered)).toBeUndefined();
    // A fresh IV each time: the same secret never gives the same text.
    expect(encryptSecret(key, 'usr_1', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).not.toBe(stored);
  });

  it('digests backup codes per key and login', () => {
    expect(backupCodeDigest(key, 'usr_1', 'abcde12345')).toBe(backupCodeDigest(key, 'usr_1', 'abcde12345'));
    expect(backupCodeDigest(key, 'usr_2', 'abcde12345')).not.toBe(backupCodeDigest(key, 'usr_1', 'abcde12345'));
    expect(backupCodeDigest(randomBytes(32), 'usr_1', 'abcde12345')).not.toBe(backupCodeDigest(key, 'usr_1', 'abcde12345'));
  });

  it('reads the key from the environment as hex or base64, and refuses a wrong length', () => {
    expect(twoFactorKeyFromEnv({})).toBeUndefined();
    expect(twoFactorKeyFromEnv({ CLIENTAREA_TOTP_KEY: key.toString('hex') })).toEqual(key);
    expect(twoFactorKeyFromEnv({ CLIENTAREA_TOTP_KEY: key.toString('base64') })).toEqual(key);
    expect(() => twoFactorKeyFromEnv({ CLIENTAREA_TOTP_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
