import type { Kysely } from 'kysely';
import { SETTINGS } from '../config/settings.js';
import type { Database } from '../db/tables.js';
import type { Clock } from './clock.js';
import { type Limit, RateLimits } from './rate-limits.js';

export interface SignInLimits {
  /** Failures allowed for one email from one client address. */
  perEmailAndAddress: number;
  /** Failures allowed for one email from all addresses together (slow, distributed guessing). */
  perEmail: number;
  /** Failures allowed from one address across all emails (credential stuffing, password spraying). */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perEmailAndAddress: SETTINGS.signInFailures,
  perEmail: 4 * SETTINGS.signInFailures,
  perAddress: 100,
  windowSeconds: SETTINGS.signInWindowSeconds,
};

/**
 * Counts failed sign-ins per email and address, per email and per address (docs/ARCHITECTURE.md
 * §12), in the database's counters (`rate-limits.ts`): a restart or a second server does not
 * reset them. A success clears only the email-and-address count: an attacker cannot reset the
 * per-address count by signing into an account of their own.
 */
export class SignInLimiter {
  private readonly limits: SignInLimits;
  private readonly counters: RateLimits;

  constructor(db: Kysely<Database>, clock: Clock, maxFailures: number | Partial<SignInLimits> = {}, windowSeconds?: number) {
    const given = typeof maxFailures === 'number' ? { perEmailAndAddress: maxFailures } : maxFailures;
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...given, ...(windowSeconds === undefined ? {} : { windowSeconds }) };
    this.counters = new RateLimits(db, clock);
  }

  /** Seconds until the caller may try again, or 0 when a try is allowed now. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const waits = await Promise.all(this.keys(email, ip).map(([limit, key]) => this.counters.retryAfter(limit, key)));
    return Math.max(0, ...waits);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    for (const [limit, key] of this.keys(email, ip)) await this.counters.hit(limit, key);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    const [pair, key] = this.keys(email, ip)[0]!;
    await this.counters.clear(pair, key);
  }

  private keys(email: string, ip: string): [Limit, string][] {
    const e = email.trim().toLowerCase();
    const { windowSeconds } = this.limits;
    const what = 'failed sign-ins';
    return [
      [{ name: 'sign-in.pair', max: this.limits.perEmailAndAddress, windowSeconds, what }, `${e}\u0000${ip}`],
      [{ name: 'sign-in.email', max: this.limits.perEmail, windowSeconds, what }, e],
      [{ name: 'sign-in.address', max: this.limits.perAddress, windowSeconds, what }, ip],
    ];
  }
}
