import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { authenticate, type Caller } from '../domain/sessions.js';
import { secretsEqual } from '../domain/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The signed-in caller. Only routes of a scope guarded by `requireSignIn` may read it: its hook
     * sets it before their handlers run (and answers 401 when there is none).
     */
    caller: Caller;
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
 */
export function requireSignIn(scope: FastifyInstance, ctx: ClientAreaContext): void {
  scope.addHook('preHandler', async (request) => {
    request.caller = await authenticate(ctx, bearerToken(request));
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
