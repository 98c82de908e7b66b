import { hash, verify } from '@node-rs/argon2';
import { ClientAreaError } from './errors.js';
import { isCommonPassword } from './common-passwords.js';

/** What a new password must have. docs/ARCHITECTURE.md §9 is the default; a provider may only make it stricter. */
export interface PasswordPolicy {
  minLength: number;
  requireUpper: boolean;
  requireLower: boolean;
  requireDigit: boolean;
  requireSpecial: boolean;
  /** Refuse well-known passwords ("Password1!", "Welcome2024!"...) and the login's own email name. */
  refuseCommon: boolean;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({
  minLength: 8,
  requireUpper: true,
  requireLower: false,
  requireDigit: true,
  requireSpecial: true,
  refuseCommon: true,
});

/**
 * The provider's policy from the environment: `CLIENTAREA_PASSWORD_MIN_LENGTH` (never below 8) and
 * `CLIENTAREA_PASSWORD_REQUIRE_LOWER=1`. The docs/ARCHITECTURE.md §9 rules stay on whatever is set.
 */
export function passwordPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): PasswordPolicy {
  const min = Number(env.CLIENTAREA_PASSWORD_MIN_LENGTH);
  return strictestOf({
    minLength: Number.isInteger(min) ? min : DEFAULT_PASSWORD_POLICY.minLength,
    requireLower: env.CLIENTAREA_PASSWORD_REQUIRE_LOWER === '1',
  });
}

/** A policy with the given changes, never weaker than docs/ARCHITECTURE.md §9. */
export function strictestOf(changes: Partial<PasswordPolicy> = {}): PasswordPolicy {
  const d = DEFAULT_PASSWORD_POLICY;
  return {
    minLength: Math.min(1024, Math.max(d.minLength, changes.minLength ?? d.minLength)),
    requireUpper: d.requireUpper || !!changes.requireUpper,
    requireLower: d.requireLower || !!changes.requireLower,
    requireDigit: d.requireDigit || !!changes.requireDigit,
    requireSpecial: d.requireSpecial || !!changes.requireSpecial,
    refuseCommon: d.refuseCommon || !!changes.refuseCommon,
  };
}

/** What the password lacks, as words that complete "The password needs …". Empty when it passes. */
export function passwordPolicyViolations(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, owner?: { email?: string | undefined }): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push(`at least ${policy.minLength} characters`);
  if (policy.requireUpper && !/\p{Lu}/u.test(password)) problems.push('an upper-case letter');
  if (policy.requireLower && !/\p{Ll}/u.test(password)) problems.push('a lower-case letter');
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) problems.push('a digit');
  if (policy.requireSpecial && !/[^\p{L}\p{N}\s]/u.test(password)) problems.push('a special character');
  if (problems.length === 0 && policy.refuseCommon) {
    if (isCommonPassword(password)) problems.push('to be less common (it is on the list of passwords attackers try first)');
    else if (containsEmailName(password, owner?.email)) problems.push('to not contain your email address');
  }
  return problems;
}

export function assertPasswordPolicy(password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, owner?: { email?: string | undefined }): void {
  const problems = passwordPolicyViolations(password, policy, owner);
  if (problems.length > 0) {
    throw new ClientAreaError('validation_failed', 400, `The password needs ${problems.join(', ')}.`);
  }
}

function containsEmailName(password: string, email: string | undefined): boolean {
  const name = email?.split('@')[0]?.toLowerCase() ?? '';
  return name.length >= 4 && password.toLowerCase().includes(name);
}

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and fast enough to seed demo data.
// `Algorithm` is a const enum that isolated modules cannot inline: 2 is Argon2id.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID as 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Stored for logins that have no password yet (managed users before activation): matches nothing. */
export const NO_PASSWORD = '!no-password';

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (passwordHash === NO_PASSWORD) return false;
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
