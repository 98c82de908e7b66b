import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addDays } from '../domain/clock.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { authenticate } from '../domain/sessions.js';
import { hashToken, secretsEqual } from '../domain/tokens.js';
import { bearerToken } from './auth.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Outcomes that say "try again later", so they are not what a key is bound to. */
const TRANSIENT = new Set([401, 408, 429]);
const RETENTION_DAYS = 1;
const KEY = Symbol('idempotencyKey');

type Keyed = FastifyRequest & { [KEY]?: string };

/**
 * docs/ARCHITECTURE.md §10: a write sent with an `Idempotency-Key` header returns the same outcome when the key
 * comes again and never acts twice. Keys belong to the caller (a user, whichever access token it
 * uses after a refresh, or the admin key), so the offline queue can replay after re-signing in.
 */
export function installIdempotency(app: FastifyInstance, ctx: ClientAreaContext): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (!WRITE_METHODS.has(request.method) || key === undefined) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      throw new ClientAreaError('validation_failed', 400, 'The Idempotency-Key header must be 1 to 200 characters.');
    }
    const principal = await principalOf(ctx, request);
    if (!principal) return; // the scope's sign-in hook (auth.ts), next, answers 401
    const keyHash = hashToken(`${principal}\u0000${request.method}\u0000${request.url}\u0000${key}`);
    const stored = await ctx.db.selectFrom('idempotency_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    if (stored) {
      reply.code(stored.status).header('idempotent-replayed', 'true');
      if (stored.content_type) reply.type(stored.content_type);
      // Already serialized (and validated) the first time: send the very same bytes.
      reply.serializer((payload: unknown) => payload as string);
      return reply.send(stored.body);
    }
    (request as Keyed)[KEY] = keyHash;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const keyHash = (request as Keyed)[KEY];
    if (!keyHash || reply.statusCode >= 500 || TRANSIENT.has(reply.statusCode)) return payload;
    if (typeof payload !== 'string' && payload !== null && payload !== undefined) return payload;
    const now = ctx.clock();
    await ctx.db
      .insertInto('idempotency_keys')
      .values({
        key_hash: keyHash,
        status: reply.statusCode,
        content_type: String(reply.getHeader('content-type') ?? '') || null,
        body: payload ?? '',
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
    await ctx.db.deleteFrom('idempotency_keys').where('created_at', '<', addDays(now, -RETENTION_DAYS).toISOString()).execute();
    return payload;
  });
}

async function principalOf(ctx: ClientAreaContext, request: FastifyRequest): Promise<string | undefined> {
  const token = bearerToken(request);
  if (!token) return undefined;
  if (secretsEqual(token, ctx.adminKey)) return 'admin';
  try {
    return `user:${(await authenticate(ctx, token)).user.id}`;
  } catch {
    return undefined;
  }
}
