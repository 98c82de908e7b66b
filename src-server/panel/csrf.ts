import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretsEqual } from '../domain/tokens.js';
import { html, type Html } from './html.js';
import { cookie, readCookie } from './responses.js';

/**
 * Cross-site request forgery: every panel form posts a token that a page of another site cannot
 * know. Signed in, the token is bound to the session (an HMAC of the session cookie, which is
 * HttpOnly); before sign-in (sign-in, sign-up, activation) it is a double-submit cookie.
 */
export const CSRF_COOKIE = 'clientarea_csrf';
export const CSRF_FIELD = 'csrf';
const PRE_SESSION_SECONDS = 2 * 60 * 60;

export function sessionCsrfToken(panelToken: string): string {
  return createHmac('sha256', panelToken).update('clientarea panel csrf v1').digest('base64url');
}

/** The pre-session token of this browser, set as a cookie when it has none yet. */
export function preSessionCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const existing = readCookie(request, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.header('set-cookie', cookie(request, CSRF_COOKIE, token, PRE_SESSION_SECONDS));
  return token;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

/** A form of a signed-in page: the token must be the one bound to this session. */
export function validSessionCsrf(panelToken: string, sent: string | undefined): boolean {
  return typeof sent === 'string' && sent.length > 0 && secretsEqual(sent, sessionCsrfToken(panelToken));
}

/** A pre-session form: the token sent must equal this browser's cookie. */
export function validPreSessionCsrf(request: FastifyRequest, sent: string | undefined): boolean {
  const expected = readCookie(request, CSRF_COOKIE);
  return typeof sent === 'string' && sent.length > 0 && expected !== undefined && expected.length > 0 && secretsEqual(sent, expected);
}
