import type { Kysely } from 'kysely';
import { SETTINGS } from '../config/settings.js';
import type { Database } from '../db/tables.js';
import { addDays, type Clock } from './clock.js';
import { RateLimits } from './rate-limits.js';
import { expireAccessRequests } from './access-request-answers.js';

export interface Pruned {
  counters: number;
  mails: number;
  /** Access requests that reached their 7 days unanswered (marked expired and audited). */
  accessRequests: number;
  /** Retired refresh tokens past the expiry they would have had: reuse of them can no longer be told from garbage. */
  retiredRefreshTokens: number;
}

/**
 * What the store forgets with time: rate-limit counters whose window ended, mails older than
 * the outbox's retention (their links expired long before), and retired refresh tokens that
 * would have expired by now; access requests past their 7 days are marked expired here, so each
 * gets its one audit event. Time comes from the injected clock.
 */
export async function pruneExpired(db: Kysely<Database>, clock: Clock, outboxRetentionDays: number = SETTINGS.outboxRetentionDays): Promise<Pruned> {
  const counters = await new RateLimits(db, clock).prune();
  const before = addDays(clock(), -outboxRetentionDays).toISOString();
  const result = await db.deleteFrom('outbox').where('created_at', '<', before).executeTakeFirst();
  const accessRequests = await expireAccessRequests(db, clock);
  const retired = await db.deleteFrom('retired_refresh_tokens').where('expires_at', '<=', clock().toISOString()).executeTakeFirst();
  return { counters, mails: Number(result.numDeletedRows), accessRequests, retiredRefreshTokens: Number(retired.numDeletedRows) };
}
