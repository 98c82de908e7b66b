import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QuietTag } from '../../src-shared/api/accounts.js';

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
/** How many whole listings in progress a `PageTags` follows; a forgotten one just hands out no quiet tag. */
const FOLLOWED_WALKS = 2_000;

/** A whole listing being read: every page so far built in `state`, `next` the cursor the last one pointed to. */
interface Walk {
  state: string;
  next: string;
  newestMs: number;
}

/** A page of a list whose items carry the time they last changed: the newest of them (null: it has none). */
interface DatedPage {
  newestUpdatedAt: string | null;
  nextCursor: string | null;
}

/**
 * The ETags of pages already built, with the state (from the domain) they were built in. While
 * that state has not moved, a conditional request whose tag matches is answered 304 without the
 * page being built at all; otherwise the page is built and tagged by its bytes as `withEtag`
 * does, so a tag still changes exactly when the page does, and is remembered for next time.
 */
export class PageTags {
  readonly #tags = new Map<string, { state: string; etag: string }>();
  readonly #walks = new Map<string, Walk>();

  /**
   * True when the request names the tag `page` was last given: only then can its copy be current,
   * and is the state worth reading on its own before the page.
   */
  known(request: FastifyRequest, page: string): boolean {
    const known = this.#tags.get(page);
    return known !== undefined && matches(request.headers['if-none-match'], known.etag);
  }

  /** True when the caller's copy of `page` is current in `state`: the route answers 304 and builds nothing. */
  current(request: FastifyRequest, reply: FastifyReply, page: string, state: string): boolean {
    const known = this.#tags.get(page);
    if (!known || known.state !== state || !matches(request.headers['if-none-match'], known.etag)) return false;
    reply.header('etag', known.etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
    return true;
  }

  /** `page` was built in `state`: its tag, once its bytes are made, is remembered with that state (with none, not at all). */
  built(request: FastifyRequest, page: string, state: string | null): void {
    if (state !== null) (request as Tagged)[REMEMBER] = (etag) => this.#remember(page, state, etag);
  }

  /**
   * After a page of a whole listing (no `updatedSince`) was built in `state`: when it is the last
   * one of a walk from the first page whose every page was built in that same state, no account
   * in the list changed after the newest `updatedAt` it showed, so "what changed since just after
   * that?" has the empty answer `empty` for as long as the state holds. That answer's tag is
   * remembered under the question's page key (`question`) as if it had been built, and returned
   * for the last page's headers: the client's first re-sync is then a 304 that builds nothing. Any
   * other page, another state, or a page that came without one, ends the walk and hands out nothing.
   */
  walked(
    walk: string,
    cursor: string | null,
    state: string | null,
    page: DatedPage,
    question: (updatedSince: string) => string,
    empty: string,
  ): QuietTag | null {
    const before = this.#walks.get(walk);
    this.#walks.delete(walk);
    if (state === null || (cursor !== null && (before?.state !== state || before.next !== cursor))) return null;
    let newestMs = before?.newestMs ?? -Infinity;
    if (page.newestUpdatedAt !== null) newestMs = Math.max(newestMs, Date.parse(page.newestUpdatedAt));
    if (page.nextCursor !== null) {
      this.#walks.set(walk, { state, next: page.nextCursor, newestMs });
      if (this.#walks.size > FOLLOWED_WALKS) this.#walks.delete(this.#walks.keys().next().value!);
      return null;
    }
    // An empty list has no newest change to ask after.
    if (!Number.isFinite(newestMs)) return null;
    const quiet = { updatedSince: new Date(newestMs + 1).toISOString(), etag: etagOf(empty) };
    this.#remember(question(quiet.updatedSince), state, quiet.etag);
    return quiet;
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
    const etag = etagOf(payload);
    reply.header('etag', etag);
    (request as Tagged)[REMEMBER]?.(etag);
    if (!matches(request.headers['if-none-match'], etag)) return payload;
    reply.code(304).removeHeader('content-type');
    return '';
  });
}

/** The tag of an answer's exact bytes: equal bytes, equal tags, whoever built them. */
function etagOf(payload: string | Buffer): string {
  return `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
