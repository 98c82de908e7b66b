import type { FastifyRequest } from 'fastify';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { authenticate, type Caller } from '../domain/sessions.js';
import { secretsEqual } from '../domain/tokens.js';

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The signed-in caller of an API request, or an `unauthenticated` problem. */
export function requireCaller(ctx: ClientAreaContext, request: FastifyRequest): Promise<Caller> {
  return authenticate(ctx, bearerToken(request));
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
