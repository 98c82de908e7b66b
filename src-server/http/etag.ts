import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TAGGED = Symbol('etagged');
type Tagged = FastifyRequest & { [TAGGED]?: true };

/**
 * Conditional GET for lists a client re-syncs (docs/ARCHITECTURE.md §10: a re-sync costs what changed). A route
 * marks its answer with `withEtag`; once the answer is validated and serialized, its ETag is the
 * digest of those exact bytes, so it changes whenever anything in it does (including counts that
 * move with time, like domains expiring soon). A matching If-None-Match gets an empty 304.
 */
export function withEtag<T>(request: FastifyRequest, reply: FastifyReply, body: T): T {
  (request as Tagged)[TAGGED] = true;
  reply.header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  return body;
}

/**
 * Conditional GET for a list whose state is known before its page is built (`state`, from the
 * domain): the ETag is a digest of that state, set on the answer, and a matching If-None-Match
 * means the route answers an empty 304 without building the page at all.
 */
export function currentFor(request: FastifyRequest, reply: FastifyReply, state: string): boolean {
  const etag = `"${createHash('sha256').update(state).digest('base64url').slice(0, 32)}"`;
  reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  return matches(request.headers['if-none-match'], etag);
}

export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!(request as Tagged)[TAGGED] || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    reply.header('etag', etag);
    if (!matches(request.headers['if-none-match'], etag)) return payload;
    reply.code(304).removeHeader('content-type');
    return '';
  });
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
