import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TAGGED = Symbol('etagged');
const REMEMBER = Symbol('remember etag');
type Tagged = FastifyRequest & { [TAGGED]?: true; [REMEMBER]?: (etag: string) => void };

/**
 * Conditional GET for lists a client re-syncs (docs/ARCHITECTURE.md §10: a re-sync costs what changed). A route
 * marks its answer with `withEtag`; once the answer is serialized (validated, or encoded once into
 * the bytes that are sent by `typed-answer.ts`), its ETag is the digest of those exact bytes, so
 * it changes whenever anything in it does (including counts that move with time, like domains
 * expiring soon). A matching If-None-Match gets an empty 304.
 */
export function withEtag<T>(request: FastifyRequest, reply: FastifyReply, body: T): T {
  (request as Tagged)[TAGGED] = true;
  reply.header('cache-control', 'private, no-cache').header('vary', 'Authorization');
  return body;
}

/** How many page tags a `PageTags` remembers; an older one costs one more building of its page. */
const REMEMBERED_PAGES = 20_000;

/**
 * The ETags of pages already built, with the state (from the domain) they were built in. While
 * that state has not moved, a conditional request whose tag matches is answered 304 without the
 * page being built at all; otherwise the page is built and tagged by its bytes as `withEtag`
 * does, so a tag still changes exactly when the page does, and is remembered for next time.
 */
export class PageTags {
  readonly #tags = new Map<string, { state: string; etag: string }>();

  /** True when the caller's copy of `page` is current in `state`: the route answers 304 and builds nothing. */
  current(request: FastifyRequest, reply: FastifyReply, page: string, state: string): boolean {
    const known = this.#tags.get(page);
    if (known && known.state === state && matches(request.headers['if-none-match'], known.etag)) {
      reply.header('etag', known.etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
      return true;
    }
    (request as Tagged)[REMEMBER] = (etag) => this.#remember(page, state, etag);
    return false;
  }

  #remember(page: string, state: string, etag: string): void {
    this.#tags.delete(page);
    this.#tags.set(page, { state, etag });
    // A Map iterates in insertion order: the first key is the longest unused.
    if (this.#tags.size > REMEMBERED_PAGES) this.#tags.delete(this.#tags.keys().next().value!);
  }
}

export function installEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!(request as Tagged)[TAGGED] || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    reply.header('etag', etag);
    (request as Tagged)[REMEMBER]?.(etag);
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
