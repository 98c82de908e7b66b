import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../../src-server/domain/common-passwords.js';
import { DEFAULT_PASSWORD_POLICY, passwordPolicyFromEnv, passwordPolicyViolations, strictestOf } from '../../../src-server/domain/passwords.js';

describe('common passwords', () => {
  it('refuses a common word dressed up with capitals, leetspeak, years and symbols', () => {
    for (const p of [
      'Password1!',
      'P@ssw0rd!',
      'Passw0rd#2024',
      'Welcome2024!',
      'Qwerty123!',
      'Summer2025!',
      '!Admin123',
      'Letmein#1',
      'Iloveyou1!',
      'Q1w2e3r4!',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(passwordPolicyViolations(p), p).toEqual(['to be less common (it is on the list of passwords attackers try first)']);
    }
  });

  it('accepts passwords that only contain a common word among others', () => {
    for (const p of ['Correct-Horse-7', 'Pa$$w0rdX', 'Sunny-Lake-42', 'Welcome-to-Polar-9', 'Pixelwerk-Demo-2024!']) {
      expect(isCommonPassword(p), p).toBe(false);
    }
  });

  it('refuses a password that contains the login’s email name', () => {
    expect(passwordPolicyViolations('Giulia-2024!', DEFAULT_PASSWORD_POLICY, { email: 'giulia@bellini.example' })).toEqual([
      'to not contain your email address',
    ]);
    expect(passwordPolicyViolations('Giulia-2024!', DEFAULT_PASSWORD_POLICY, { email: 'marco@bellini.example' })).toEqual([]);
  });
});

describe('a provider’s password policy', () => {
  it('can be made stricter but never weaker than docs/ARCHITECTURE.md §9', () => {
    const weaker = strictestOf({ minLength: 4, requireUpper: false, requireDigit: false, requireSpecial: false, refuseCommon: false });
    expect(weaker).toEqual(DEFAULT_PASSWORD_POLICY);
    const stricter = strictestOf({ minLength: 12, requireLower: true });
    expect(passwordPolicyViolations('CORRECT-HORSE-7', stricter)).toEqual(['a lower-case letter']);
    expect(passwordPolicyViolations('Short-Ok-1', stricter)).toEqual(['at least 12 characters']);
    expect(passwordPolicyViolations('Long-Enough-Pass-1', stricter)).toEqual([]);
  });

  it('reads the environment', () => {
    expect(passwordPolicyFromEnv({})).toEqual(DEFAULT_PASSWORD_POLICY);
    expect(passwordPolicyFromEnv({ CLIENTAREA_PASSWORD_MIN_LENGTH: '16', CLIENTAREA_PASSWORD_REQUIRE_LOWER: '1' })).toMatchObject({
      minLength: 16,
      requireLower: true,
    });
    expect(passwordPolicyFromEnv({ CLIENTAREA_PASSWORD_MIN_LENGTH: 'six' }).minLength).toBe(8);
    expect(passwordPolicyFromEnv({ CLIENTAREA_PASSWORD_MIN_LENGTH: '3' }).minLength).toBe(8);
  });
});
