import { SETTINGS } from '../config/settings.js';
import type { Clock } from './clock.js';

/**
 * Counts failed sign-ins per email and client address in a fixed window (DESIGN §8: login is
 * rate-limited). Held in memory: a restart forgets, which is acceptable for a single process.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; windowEndsAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly maxFailures: number = SETTINGS.signInFailures,
    private readonly windowSeconds: number = SETTINGS.signInWindowSeconds,
  ) {}

  /** Seconds until the caller may try again, or 0 when a try is allowed now. */
  retryAfter(email: string, ip: string): number {
    const entry = this.current(key(email, ip));
    if (!entry || entry.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((entry.windowEndsAt - this.clock().getTime()) / 1000));
  }

  recordFailure(email: string, ip: string): void {
    const k = key(email, ip);
    const entry = this.current(k) ?? { count: 0, windowEndsAt: this.clock().getTime() + this.windowSeconds * 1000 };
    entry.count += 1;
    this.failures.set(k, entry);
  }

  recordSuccess(email: string, ip: string): void {
    this.failures.delete(key(email, ip));
  }

  private current(k: string) {
    const entry = this.failures.get(k);
    if (entry && entry.windowEndsAt <= this.clock().getTime()) {
      this.failures.delete(k);
      return undefined;
    }
    return entry;
  }
}

const key = (email: string, ip: string) => `${email.toLowerCase()}\u0000${ip}`;
