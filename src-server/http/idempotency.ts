import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { IdempotencyKeyRow } from '../db/tables.js';
import { addDays } from '../domain/clock.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { authenticate } from '../domain/sessions.js';
import { hashToken, secretsEqual } from '../domain/tokens.js';
import { bearerToken } from './auth.js';
import { currentClaim, keyInUse, type PendingClaim, withClaimSlot } from './idempotency-claim.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Outcomes that say "try again later", so they are not what a key is bound to. */
const TRANSIENT = new Set([401, 408, 429]);
const RETENTION_DAYS = 1;
const KEY = Symbol('idempotencyKey');

type Keyed = FastifyRequest & { [KEY]?: PendingClaim };

/** The key's queries, run by every keyed write: compiled once (`db/compiled-queries.ts`). */
const STORED_KEY = new CompiledStatement('stored idempotency key', (db, v: Slots<{ keyHash: string }>) =>
  db.selectFrom('idempotency_keys').selectAll().where('key_hash', '=', v.keyHash),
);
type Answer = Pick<IdempotencyKeyRow, 'status' | 'content_type' | 'body'>;
const ANSWER_OF_CLAIM = new CompiledStatement('answer of a claimed key', (db, v: Slots<Answer & { keyHash: string }>) =>
  db
    .updateTable('idempotency_keys')
    .set({ status: v.status, content_type: v.content_type, body: v.body })
    .where('key_hash', '=', v.keyHash)
    .where('status', '=', 0),
);
const KEY_WITH_ANSWER = new CompiledStatement('key with its answer', (db, v: Slots<IdempotencyKeyRow>) =>
  db
    .insertInto('idempotency_keys')
    .values(v)
    .onConflict((oc) => oc.column('key_hash').doNothing()),
);
const EXPIRED_KEYS = new CompiledStatement('expired idempotency keys', (db, v: Slots<{ before: string }>) =>
  db.deleteFrom('idempotency_keys').where('created_at', '<', v.before),
);

/**
 * docs/ARCHITECTURE.md §10: a write sent with an `Idempotency-Key` header returns the same outcome when the key
 * comes again and never acts twice. Keys belong to the caller (a user, whichever access token it
 * uses after a refresh, or the admin key), so the offline queue can replay after re-signing in.
 * A key is bound to the body it first came with: another body with it is refused (422), never
 * answered with the first one's outcome. The key is stored in the transaction of the effect
 * (`idempotency-claim.ts`); its answer is added once it is sent.
 */
export function installIdempotency(app: FastifyInstance, ctx: ClientAreaContext): void {
  // Every request gets its own claim slot, which the transactions it opens can see.
  app.addHook('preValidation', (_request, _reply, done) => withClaimSlot(done));

  // Callback hooks: a request without a key (every read, and a write sent without one) passes
  // straight on, with no promise made for it; only a keyed write waits for the store.
  app.addHook('preHandler', (request, reply, done) => {
    if (!keyedWrite(request)) {
      done();
      return;
    }
    // A replay has been answered once its promise settles: nothing else may run for it.
    replayOrClaim(ctx, request, reply).then(() => (reply.sent ? undefined : done()), done);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = (request as Keyed)[KEY];
    const keyHash = claim?.keyHash;
    if (!claim || !keyHash) {
      done(null, payload);
      return;
    }
    storeAnswer(ctx, { ...claim, keyHash }, reply, payload).then(() => done(null, payload), done);
  });
}

/** A write that carries an Idempotency-Key: the only requests these hooks act on. */
function keyedWrite(request: FastifyRequest): boolean {
  return WRITE_METHODS.has(request.method) && request.headers['idempotency-key'] !== undefined;
}

/** Answers a key that came before with its stored answer, or makes the request's claim of it. */
async function replayOrClaim(ctx: ClientAreaContext, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
    throw new ClientAreaError('validation_failed', 400, 'The Idempotency-Key header must be 1 to 200 characters.');
  }
  const principal = await principalOf(ctx, request);
  if (!principal) return; // the scope's sign-in hook (auth.ts), next, answers 401
  const keyHash = hashToken(`${principal}\u0000${request.method}\u0000${request.url}\u0000${key}`);
  const requestHash = hashToken(JSON.stringify(request.body ?? null));
  const stored = await STORED_KEY.first(ctx.db, { keyHash });
  if (stored) {
    if (stored.request_hash !== null && stored.request_hash !== requestHash) {
      throw new ClientAreaError(
        'idempotency_key_reused',
        422,
        'This Idempotency-Key was already used with a different request body. Use a new key for a new request.',
      );
    }
    if (stored.status === 0) throw keyInUse();
    reply.code(stored.status).header('idempotent-replayed', 'true');
    if (stored.content_type) reply.type(stored.content_type);
    // Already serialized (and validated) the first time: send the very same bytes.
    reply.serializer((payload: unknown) => payload as string);
    // The reply is a thenable that settles once the answer is sent.
    return reply.send(stored.body);
  }
  const claim = currentClaim() ?? {};
  Object.assign(claim, { keyHash, requestHash, createdAt: ctx.clock().toISOString() });
  (request as Keyed)[KEY] = claim;
}

/** Stores the answer of a keyed write with its key, as the transaction of its effect left it. */
async function storeAnswer(ctx: ClientAreaContext, claim: PendingClaim & { keyHash: string }, reply: FastifyReply, payload: unknown): Promise<void> {
  // An answer encoded once (`typed-answer.ts`) is kept as its text, as a serialized one is.
  const body = Buffer.isBuffer(payload) ? payload.toString('utf8') : payload;
  if (typeof body !== 'string' && body !== null && body !== undefined) return;
  const answer = { status: reply.statusCode, content_type: String(reply.getHeader('content-type') ?? '') || null, body: body ?? '' };
  if (claim.claimed) {
    // The change is committed with the key: whatever the outcome, a replay must get it, not act again.
    await ANSWER_OF_CLAIM.run(ctx.db, { ...answer, keyHash: claim.keyHash });
  } else {
    // Nothing was committed in a transaction: a failure or "try later" leaves the key free for a retry.
    if (reply.statusCode >= 500 || TRANSIENT.has(reply.statusCode)) return;
    await KEY_WITH_ANSWER.run(ctx.db, {
      key_hash: claim.keyHash,
      request_hash: claim.requestHash ?? null,
      ...answer,
      created_at: claim.createdAt ?? ctx.clock().toISOString(),
    });
  }
  await EXPIRED_KEYS.run(ctx.db, { before: addDays(ctx.clock(), -RETENTION_DAYS).toISOString() });
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
