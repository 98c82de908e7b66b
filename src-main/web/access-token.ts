import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The web-mode secret: 256 random bits, URL-safe. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the comparison length-independent too. */
export function accessTokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 512) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Only the page served by web mode itself may open the socket. Browsers always send Origin on a
 * WebSocket handshake; a non-browser client without one still needs the token.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Guards against DNS rebinding: the Host header must name the loopback address we listen on. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
