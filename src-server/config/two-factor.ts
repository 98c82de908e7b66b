import { randomBytes } from 'node:crypto';

/** The environment variable holding the key TOTP secrets are encrypted with (32 bytes, base64 or hex). */
export const TWO_FACTOR_KEY_VARIABLE = 'CLIENTAREA_TOTP_KEY';

/**
 * The server key for two-factor secrets, from the environment; undefined when none is set. Every
 * server sharing a database needs the same key, and losing it makes enrolled authenticators
 * unusable (backup codes still work), so it is never generated silently outside development.
 */
export function twoFactorKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const value = env[TWO_FACTOR_KEY_VARIABLE]?.trim();
  if (!value) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new Error(`${TWO_FACTOR_KEY_VARIABLE} must be 32 bytes, as 64 hex digits or base64 (e.g. from "openssl rand -base64 32").`);
  }
  return key;
}

/** A throw-away key for the demo and development: secrets enrolled with it do not survive a restart. */
export function generatedDevelopmentKey(): Buffer {
  return randomBytes(32);
}
