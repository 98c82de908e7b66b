import type { FastifyInstance, FastifyRequest } from 'fastify';
import { retireExpiredAccess } from '../domain/access-expiry-sweep.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { authenticate, type Caller } from '../domain/sessions.js';
import { secretsEqual } from '../domain/tokens.js';
import { outsideClaimSlot } from './idempotency-claim.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The signed-in caller. Only routes of a scope guarded by `requireSignIn` may read it: its hook
     * sets it before their handlers run (and answers 401 when there is none).
     */
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** Set on the routes of a `requireSignIn` scope: their sign-in read checks for ended access (see there). */
    retiresAccessAtSignIn?: true;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Every route of `scope` (a plugin, encapsulated by `register`) needs a signed-in caller. The hook
 * runs as a preHandler, after validation and the idempotency replay, which is where the handlers
 * used to authenticate: a malformed request is still answered 400 before 401.
 *
 * The same read tells whether some grant's end has come (docs/ARCHITECTURE.md §5 "Expiring
 * access"); only then are the ended grants retired, before the handler reads anything. So these
 * routes skip the app's separate check before each request (`retiresAccessAtSignIn`), and a
 * signed-in request costs no statement for expiry while no end is due, on any server of a store.
 */
export function requireSignIn(scope: FastifyInstance, ctx: ClientAreaContext): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, retiresAccessAtSignIn: true };
  });
  scope.addHook('preHandler', async (request) => {
    const caller = await authenticate(ctx, bearerToken(request));
    if (caller.accessEndsDue) await outsideClaimSlot(() => retireExpiredAccess(ctx.db, ctx.clock));
    request.caller = caller;
  });
}

/** Provider administration is guarded by the admin key alone (compared in constant time). */
export function requireAdmin(ctx: ClientAreaContext, request: FastifyRequest): void {
  const token = bearerToken(request);
  if (!token || !secretsEqual(token, ctx.adminKey)) {
    throw new ClientAreaError('unauthenticated', 401, 'This is provider administration: send the admin key as a bearer token.');
  }
}

/** OpenAPI security requirement of the routes that need a signed-in user. */
export const BEARER = [{ bearerAuth: [] }];
