import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, hashPassword, passwordPolicyViolations, verifyPassword } from '../../../src-server/domain/passwords.js';
import { ClientAreaError } from '../../../src-server/domain/errors.js';

describe('password policy (docs/ARCHITECTURE.md §9)', () => {
  it('accepts 8+ characters with an upper-case letter, a digit and a special character', () => {
    for (const ok of ['Abcdefg1!', 'Pa$$w0rdX', 'Zürich-2024', 'ÉCOLE#9abc', 'Long passphrase 4 You!']) {
      expect(passwordPolicyViolations(ok), ok).toEqual([]);
    }
  });

  it('names every missing requirement', () => {
    expect(passwordPolicyViolations('Ab1!')).toEqual(['at least 8 characters']);
    expect(passwordPolicyViolations('abcdefg1!')).toEqual(['an upper-case letter']);
    expect(passwordPolicyViolations('Abcdefgh!')).toEqual(['a digit']);
    expect(passwordPolicyViolations('Abcdefgh1')).toEqual(['a special character']);
    expect(passwordPolicyViolations('')).toEqual(['at least 8 characters', 'an upper-case letter', 'a digit', 'a special character']);
    // Spaces alone are not the special character.
    expect(passwordPolicyViolations('Abcdefg 1')).toEqual(['a special character']);
  });

  it('fails with validation_failed and a sentence a user understands', () => {
    try {
      assertPasswordPolicy('short');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClientAreaError);
      expect((error as ClientAreaError).code).toBe('validation_failed');
      expect((error as ClientAreaError).message).toMatch(/^The password needs at least 8 characters, an upper-case letter, a digit/);
    }
  });
});

describe('password hashing', () => {
  it('uses argon2id with a salt, verifies the right password only', async () => {
    const a = await hashPassword('Correct-Horse-7');
    const b = await hashPassword('Correct-Horse-7');
    expect(a.startsWith('$argon2id$')).toBe(true);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Correct-Horse-7')).toBe(true);
    expect(await verifyPassword(a, 'correct-horse-7')).toBe(false);
    expect(await verifyPassword('not a hash', 'Correct-Horse-7')).toBe(false);
  });
});
