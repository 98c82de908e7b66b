import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (access and refresh tokens, SSO links, panel cookies, invitation links) are
 * 256-bit random values; only their SHA-256 digest is stored, so a copy of the database does
 * not let anyone sign in.
 */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Identifiers are random too, so they reveal neither counts nor creation order. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** Compares two secrets in constant time (by digest, so lengths may differ). */
export function secretsEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

let lastMs = 0;
let sequence = 0;

/**
 * Identifiers that sort in creation order, for logs whose rows already carry their time (audit
 * events, mails): rows written within one tick of the injected clock still list newest first.
 */
export function newSortableId(prefix: string): string {
  const ms = Date.now();
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  return `${prefix}_${ms.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}
