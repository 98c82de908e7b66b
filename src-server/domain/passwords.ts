import { hash, verify } from '@node-rs/argon2';
import { ClientAreaError } from './errors.js';

/** DESIGN §2: at least 8 characters with an upper-case letter, a digit and a special character. */
export function passwordPolicyViolations(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 8) problems.push('at least 8 characters');
  if (!/\p{Lu}/u.test(password)) problems.push('an upper-case letter');
  if (!/\p{Nd}/u.test(password)) problems.push('a digit');
  if (!/[^\p{L}\p{N}\s]/u.test(password)) problems.push('a special character');
  return problems;
}

export function assertPasswordPolicy(password: string): void {
  const problems = passwordPolicyViolations(password);
  if (problems.length > 0) {
    throw new ClientAreaError('validation_failed', 400, `The password needs ${problems.join(', ')}.`);
  }
}

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and fast enough to seed demo data.
// `Algorithm` is a const enum that isolated modules cannot inline: 2 is Argon2id.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID as 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Hash compared against when the email is unknown, so response time does not reveal which logins exist. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-that-never-matches-Aa1!');
  return decoyHash;
}
