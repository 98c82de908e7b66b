import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * TOTP secrets at rest: AES-256-GCM under the server key, bound to their login by the associated
 * data, so a secret copied onto another user's row does not decrypt.
 */
export function encryptSecret(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`totp:${userId}`, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The secret, or undefined when the cipher text was made with another key or was altered. */
export function decryptSecret(key: Buffer, userId: string, stored: string): string | undefined {
  const [version, payload] = stored.split('.');
  if (version !== VERSION || !payload) return undefined;
  const raw = Buffer.from(payload, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`totp:${userId}`, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Backup codes are kept as an HMAC under the server key: a copy of the database alone cannot be
 * searched for them offline, and a code is found by its digest in one lookup.
 */
export function backupCodeDigest(key: Buffer, userId: string, code: string): string {
  return createHmac('sha256', key).update(`backup:${userId}:${code}`, 'utf8').digest('hex');
}
