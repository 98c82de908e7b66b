import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Html, html, page, type PageChrome } from './html.js';

/**
 * Every panel response: no script may run (default-src 'none', no script-src), styles only from
 * our own stylesheet, forms post only to us, no framing, nothing cached or leaked by referrer.
 */
export const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

const ANONYMOUS: PageChrome = { who: html`Not signed in` };

export function sendPage(reply: FastifyReply, status: number, title: string, body: Html, chrome: PageChrome = ANONYMOUS): FastifyReply {
  return reply
    .code(status)
    .headers(SECURITY_HEADERS)
    .type('text/html; charset=utf-8')
    .send(page(title, body, chrome));
}

export function sendPanelError(reply: FastifyReply, status: number, title: string, message: string, chrome?: PageChrome): FastifyReply {
  return sendPage(reply, status, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/panel">Back to the client area</a></p>`, chrome);
}

/** A 303 after a form post or a sign-in, so reloading never posts again. */
export function seeOther(reply: FastifyReply, location: string, cookies: string[] = []): FastifyReply {
  reply.code(303).headers(SECURITY_HEADERS);
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  return reply.redirect(location, 303);
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Panel cookies: HttpOnly, SameSite=Lax, only for /panel, Secure whenever users reach the server
 * over https (its public URL is https, or a trusted proxy says the request was), also when TLS
 * ends at a proxy in front and the request itself arrived as plain http.
 */
export function cookie(request: FastifyRequest, name: string, value: string, maxAgeSeconds: number): string {
  const secure = request.servedOverHttps ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/panel; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearCookie(request: FastifyRequest, name: string): string {
  return cookie(request, name, '', 0);
}

/** Only same-site panel paths may be a `next` target after sign-in: no open redirect. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/panel') || next.startsWith('//') || /[\\\s]/.test(next)) return '/panel';
  return next;
}
