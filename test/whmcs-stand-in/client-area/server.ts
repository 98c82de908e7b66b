/**
 * A WHMCS client-area stand-in on 127.0.0.1, for tests and the bench. WHMCS is commercial encoded
 * PHP and cannot run here; this reproduces, from the public default themes, what the `whmcs`
 * connector touches: routes under `index.php?rp=` (WHMCS's default "basic" URLs), the session
 * cookie (`WHMCS` + an install-specific suffix), the session's CSRF `token`, the login form's
 * `username`/`password`/`rememberme`, the two-factor challenge, the captcha, ban and rate-limit
 * answers, Switch Account and the account home, and (in owner-routes.ts) user management,
 * contacts and invite links.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { csrfFailurePage, layout } from './auth-pages.js';
import { registerAccountRoutes, registerAuthRoutes } from './auth-routes.js';
import { registerOwnerRoutes } from './owner-routes.js';
import type { RouteHandler, StandInRoutes, StandInSession } from './routing.js';
import { seedState, type SeedOptions, type StandInState } from './state.js';

export interface StandInServer {
  url: string;
  state: StandInState;
  /** Requests answered since start (or since `resetCount`), for the bench's requests-per-account. */
  requestCount(): number;
  resetCount(): void;
  /** Ends every session, as a provider's session timeout would. */
  endSessions(): void;
  /** Ends every session once `requests` more requests were answered: a timeout in the middle of a sync. */
  endSessionsAfter(requests: number): void;
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'WHMCSx7Kq2Zp9LmA';

export async function startWhmcsClientArea(options: SeedOptions & { state?: StandInState; port?: number } = {}): Promise<StandInServer> {
  const state = options.state ?? seedState(options);
  const sessions = new Map<string, StandInSession>();
  const routes: { method: 'GET' | 'POST'; path: RegExp | string; handler: RouteHandler }[] = [];
  const table: StandInRoutes = {
    get: (path, handler) => routes.push({ method: 'GET', path, handler }),
    post: (path, handler) => routes.push({ method: 'POST', path, handler }),
  };
  let requests = 0;
  let endAt: number | null = null;

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(String(body))));

  function sessionOf(request: FastifyRequest, reply: FastifyReply): StandInSession {
    const id = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const found = id ? sessions.get(id) : undefined;
    if (found) return found;
    const session: StandInSession = {
      id: randomBytes(16).toString('hex'),
      token: randomBytes(20).toString('hex'),
      userId: null,
      pendingUserId: null,
      pendingRemember: false,
      clientId: null,
    };
    sessions.set(session.id, session);
    reply.header('set-cookie', `${SESSION_COOKIE}=${session.id}; path=/; HttpOnly; SameSite=Lax`);
    return session;
  }

  registerAuthRoutes(table);
  registerAccountRoutes(table);
  registerOwnerRoutes(table);

  const dispatch = async (request: FastifyRequest, reply: FastifyReply, target: string) => {
    requests++;
    if (endAt !== null && requests > endAt) {
      sessions.clear();
      endAt = null;
    }
    const session = sessionOf(request, reply);
    const ip = request.ip;
    if (state.bannedIps.has(ip) && target !== 'banned.php') return reply.redirect('banned.php');
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const method = request.method === 'POST' ? 'POST' : 'GET';
    // WHMCS refuses a POST whose token is not the session's before any route sees it.
    if (method === 'POST' && form.get('token') !== session.token) return reply.code(400).type('text/html').send(csrfFailurePage(state.theme));
    for (const route of routes) {
      if (route.method !== method) continue;
      const matches = typeof route.path === 'string' ? route.path === target : route.path.test(target);
      if (!matches) continue;
      const html = await route.handler({ state, session, form, request, reply });
      if (reply.sent) return reply;
      if (typeof html === 'string') return reply.type('text/html; charset=utf-8').send(html);
      return reply;
    }
    return reply
      .code(404)
      .type('text/html')
      .send(layout(state.theme, '<h1>404</h1><p>Page not found</p>', false, 'Page Not Found'));
  };

  app.all('/index.php', (request, reply) => {
    const rp = (request.query as Record<string, string | undefined>).rp;
    return dispatch(request, reply, rp ?? '/');
  });
  for (const file of ['clientarea.php', 'logout.php', 'banned.php']) app.all(`/${file}`, (request, reply) => dispatch(request, reply, file));
  app.get('/', (_request, reply) => reply.redirect('index.php'));

  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requestCount: () => requests,
    resetCount: () => {
      requests = 0;
    },
    endSessions: () => sessions.clear(),
    endSessionsAfter: (more) => {
      endAt = requests + more;
    },
    close: () => app.close(),
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
