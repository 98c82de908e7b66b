import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/tables.js';
import { addSeconds, type Clock } from './clock.js';
import { ClientAreaError } from './errors.js';
import { hashToken } from './tokens.js';

/** One limit: at most `max` events per `windowSeconds`, for each key (an address, a login, an account). */
export interface Limit {
  /** Stable name; rows of one limit share it, so two limits on the same key never mix. */
  name: string;
  max: number;
  windowSeconds: number;
  /** What the refusal says was too many ("sign-ins", "invitation mails"). */
  what: string;
}

/**
 * Counters in the database (table `rate_limits`), so a limit survives a restart and holds when
 * several server processes share one PostgreSQL. A window opens at a key's first event and lasts
 * `windowSeconds`; each event is one atomic upsert (`INSERT … ON CONFLICT … DO UPDATE SET count =
 * count + 1 RETURNING count`), so concurrent requests on any server each see their own count.
 * Keys are stored as digests: the table holds no email or address in clear.
 */
export class RateLimits {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Counts one event; returns the count in the current window and when that window ends. */
  async hit(limit: Limit, key: string): Promise<{ count: number; windowEndsAt: string }> {
    const now = this.clock();
    const nowIso = now.toISOString();
    const windowEndsAt = addSeconds(now, limit.windowSeconds).toISOString();
    const row = await this.db
      .insertInto('rate_limits')
      .values({ name: limit.name, key_hash: hashToken(key), count: 1, window_ends_at: windowEndsAt })
      .onConflict((oc) =>
        oc.columns(['name', 'key_hash']).doUpdateSet({
          // An ended window starts again at this event.
          count: sql<number>`CASE WHEN rate_limits.window_ends_at <= ${nowIso} THEN 1 ELSE rate_limits.count + 1 END`,
          window_ends_at: sql<string>`CASE WHEN rate_limits.window_ends_at <= ${nowIso} THEN ${windowEndsAt} ELSE rate_limits.window_ends_at END`,
        }),
      )
      .returning(['count', 'window_ends_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), windowEndsAt: row.window_ends_at };
  }

  /** Seconds until the key may act again under this limit, or 0 when it may act now. */
  async retryAfter(limit: Limit, key: string): Promise<number> {
    const row = await this.db
      .selectFrom('rate_limits')
      .select(['count', 'window_ends_at'])
      .where('name', '=', limit.name)
      .where('key_hash', '=', hashToken(key))
      .executeTakeFirst();
    if (!row || Number(row.count) < limit.max) return 0;
    return this.secondsUntil(row.window_ends_at);
  }

  /**
   * Counts one event and refuses it (429 with `Retry-After`) when it is over the limit. Counting
   * first makes the limit exact under concurrency: the (max+1)-th of many parallel requests is
   * refused whichever server it reaches.
   */
  async consume(limit: Limit, key: string): Promise<void> {
    const { count, windowEndsAt } = await this.hit(limit, key);
    if (count > limit.max) throw rateLimited(limit, this.secondsUntil(windowEndsAt));
  }

  /** Ends the key's window early (a successful sign-in clears its email-and-address count). */
  async clear(limit: Limit, key: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('name', '=', limit.name).where('key_hash', '=', hashToken(key)).execute();
  }

  /** Forgets counters whose window has ended; returns how many went. */
  async prune(): Promise<number> {
    const result = await this.db.deleteFrom('rate_limits').where('window_ends_at', '<=', this.clock().toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private secondsUntil(iso: string): number {
    const ms = new Date(iso).getTime() - this.clock().getTime();
    return ms <= 0 ? 0 : Math.max(1, Math.ceil(ms / 1000));
  }
}

/** The 429 problem every limit answers with; `Retry-After` says when to try again. */
export function rateLimited(limit: Pick<Limit, 'what'>, retryAfter: number): ClientAreaError {
  const seconds = Math.max(1, retryAfter);
  return new ClientAreaError('rate_limited', 429, `Too many ${limit.what}. Try again in ${seconds} seconds.`, { 'retry-after': String(seconds) });
}
