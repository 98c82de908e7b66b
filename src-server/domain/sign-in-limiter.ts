import { SETTINGS } from '../config/settings.js';
import type { Clock } from './clock.js';

export interface SignInLimits {
  /** Failures allowed for one email from one client address. */
  perEmailAndAddress: number;
  /** Failures allowed for one email from all addresses together (slow, distributed guessing). */
  perEmail: number;
  /** Failures allowed from one address across all emails (credential stuffing). */
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
 * Counts failed sign-ins in fixed windows per email and address, per email and per address
 * (docs/ARCHITECTURE.md §12: login is rate-limited). Held in memory: a restart forgets, which is acceptable for a
 * single process. A success clears only the email-and-address count: an attacker cannot reset the
 * per-address count by signing into an account of their own.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; windowEndsAt: number }>();
  private readonly limits: SignInLimits;

  constructor(
    private readonly clock: Clock,
    maxFailures: number | Partial<SignInLimits> = {},
    windowSeconds?: number,
  ) {
    const given = typeof maxFailures === 'number' ? { perEmailAndAddress: maxFailures } : maxFailures;
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...given, ...(windowSeconds === undefined ? {} : { windowSeconds }) };
  }

  /** Seconds until the caller may try again, or 0 when a try is allowed now. */
  retryAfter(email: string, ip: string): number {
    let wait = 0;
    for (const [k, max] of this.keys(email, ip)) {
      const entry = this.current(k);
      if (entry && entry.count >= max) {
        wait = Math.max(wait, Math.max(1, Math.ceil((entry.windowEndsAt - this.clock().getTime()) / 1000)));
      }
    }
    return wait;
  }

  recordFailure(email: string, ip: string): void {
    for (const [k] of this.keys(email, ip)) {
      const entry = this.current(k) ?? { count: 0, windowEndsAt: this.clock().getTime() + this.limits.windowSeconds * 1000 };
      entry.count += 1;
      this.failures.set(k, entry);
    }
    if (this.failures.size > 100_000) this.sweep();
  }

  recordSuccess(email: string, ip: string): void {
    this.failures.delete(`pair\u0000${email.toLowerCase()}\u0000${ip}`);
  }

  private keys(email: string, ip: string): [string, number][] {
    const e = email.toLowerCase();
    return [
      [`pair\u0000${e}\u0000${ip}`, this.limits.perEmailAndAddress],
      [`email\u0000${e}`, this.limits.perEmail],
      [`addr\u0000${ip}`, this.limits.perAddress],
    ];
  }

  private current(k: string) {
    const entry = this.failures.get(k);
    if (entry && entry.windowEndsAt <= this.clock().getTime()) {
      this.failures.delete(k);
      return undefined;
    }
    return entry;
  }

  /** Forgets ended windows, so a flood of distinct emails cannot grow the map without bound. */
  private sweep(): void {
    const now = this.clock().getTime();
    for (const [k, entry] of this.failures) if (entry.windowEndsAt <= now) this.failures.delete(k);
  }
}
