import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src-server/config/settings.js';
import { addDays, type Clock } from '../../../src-server/domain/clock.js';
import { effectiveStatus } from '../../../src-server/domain/invitations.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';

describe('invitation expiry with an injected clock', () => {
  const sentAt = new Date('2025-03-01T12:00:00.000Z');
  const row = (status: 'pending' | 'accepted' | 'declined' | 'cancelled') => ({
    status,
    expires_at: addDays(sentAt, SETTINGS.invitationDays).toISOString(),
  });

  it('expires 7 days after it was sent', () => {
    expect(SETTINGS.invitationDays).toBe(7);
    expect(effectiveStatus(row('pending'), addDays(sentAt, 6.99))).toBe('pending');
    expect(effectiveStatus(row('pending'), addDays(sentAt, 7))).toBe('expired');
    expect(effectiveStatus(row('pending'), addDays(sentAt, 8))).toBe('expired');
  });

  it('an answered or cancelled invitation keeps its status after the window', () => {
    for (const status of ['accepted', 'declined', 'cancelled'] as const) {
      expect(effectiveStatus(row(status), addDays(sentAt, 30))).toBe(status);
    }
  });
});

describe('sign-in limiter with an injected clock', () => {
  it('blocks after 5 failures for the same email and address until the window passes', () => {
    let now = new Date('2025-03-01T12:00:00.000Z');
    const clock: Clock = () => now;
    const limiter = new SignInLimiter(clock, 5, 900);
    for (let i = 0; i < 5; i++) {
      expect(limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0);
      limiter.recordFailure('A@example.com', '10.0.0.1');
    }
    expect(limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(900);
    expect(limiter.retryAfter('a@example.com', '10.0.0.2')).toBe(0);
    expect(limiter.retryAfter('b@example.com', '10.0.0.1')).toBe(0);
    now = new Date(now.getTime() + 600_000);
    expect(limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(300);
    now = new Date(now.getTime() + 300_000);
    expect(limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0);
  });

  it('a success clears the count', () => {
    const limiter = new SignInLimiter(() => new Date(), 2, 60);
    limiter.recordFailure('a@example.com', 'ip');
    limiter.recordSuccess('a@example.com', 'ip');
    limiter.recordFailure('a@example.com', 'ip');
    expect(limiter.retryAfter('a@example.com', 'ip')).toBe(0);
  });
});
