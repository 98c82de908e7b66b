import type { Kysely } from 'kysely';
import { SETTINGS } from '../config/settings.js';
import type { Database } from '../db/tables.js';
import { addDays, type Clock } from './clock.js';
import { type Limit, RateLimits } from './rate-limits.js';
import { hashToken } from './tokens.js';

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
 *
 * The per-address limits stop an attacker before the password is checked. The per-login (email)
 * limit cannot: attackers on a few addresses would fill it and lock the owner out from everywhere.
 * So it is judged after the password (`sessions.ts`): over it, a wrong password and a right one
 * without a way past answer the same 429, and a right password passes with a second factor or
 * from an address the login signed in from before.
 */
export class SignInLimiter {
  private readonly limits: SignInLimits;
  private readonly counters: RateLimits;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    maxFailures: number | Partial<SignInLimits> = {},
    windowSeconds?: number,
  ) {
    const given = typeof maxFailures === 'number' ? { perEmailAndAddress: maxFailures } : maxFailures;
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...given, ...(windowSeconds === undefined ? {} : { windowSeconds }) };
    this.counters = new RateLimits(db, clock);
  }

  /** Seconds until this address may try this email again (the attacker's limits), or 0 when it may now. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const [pair, , address] = this.keys(email, ip);
    const waits = await Promise.all([pair!, address!].map(([limit, key]) => this.counters.retryAfter(limit, key)));
    return Math.max(0, ...waits);
  }

  /** Seconds until the per-login limit (failures from all addresses together) lets a plain password through. */
  async loginRetryAfter(email: string): Promise<number> {
    const [limit, key] = this.keys(email, '')[1]!;
    return this.counters.retryAfter(limit, key);
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    for (const [limit, key] of this.keys(email, ip)) await this.counters.hit(limit, key);
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    const [pair, key] = this.keys(email, ip)[0]!;
    await this.counters.clear(pair, key);
  }

  /** Remembers that the login signed in from this address: a known device for `isKnownAddress`. */
  async rememberAddress(userId: string, ip: string): Promise<void> {
    const at = this.clock().toISOString();
    await this.db
      .insertInto('sign_in_addresses')
      .values({ user_id: userId, address_hash: hashToken(ip), last_success_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'address_hash']).doUpdateSet({ last_success_at: at }))
      .execute();
  }

  /** Whether the login signed in from this address within the last `KNOWN_ADDRESS_DAYS`. */
  async isKnownAddress(userId: string, ip: string): Promise<boolean> {
    const since = addDays(this.clock(), -KNOWN_ADDRESS_DAYS).toISOString();
    const row = await this.db
      .selectFrom('sign_in_addresses')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('address_hash', '=', hashToken(ip))
      .where('last_success_at', '>', since)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A password reset by mail proves the mailbox: the per-login count of that login starts again. */
  async clearLogin(email: string): Promise<void> {
    const [limit, key] = this.keys(email, '')[1]!;
    await this.counters.clear(limit, key);
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

/** How long an address a login signed in from counts as a known device. */
const KNOWN_ADDRESS_DAYS = 30;
