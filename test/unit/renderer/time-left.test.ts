import { describe, expect, it } from 'vitest';
import { timeLeft, timeLeftKey } from '../../../src-renderer/invitations/time-left.js';

const now = new Date('2025-03-01T12:00:00.000Z');
const after = (ms: number) => new Date(now.getTime() + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('timeLeft', () => {
  it('says 7 days for an invitation sent a moment ago', () => {
    expect(timeLeft(after(7 * DAY - 5000), now)).toEqual({ unit: 'days', count: 7, soon: false });
  });

  it('counts days while at least about a day is left, and flags the last two', () => {
    expect(timeLeft(after(3 * DAY + 2 * HOUR), now)).toEqual({ unit: 'days', count: 3, soon: false });
    expect(timeLeft(after(DAY + 13 * HOUR), now)).toEqual({ unit: 'days', count: 2, soon: true });
    expect(timeLeft(after(23 * HOUR + 40 * MIN), now)).toEqual({ unit: 'days', count: 1, soon: true });
  });

  it('counts hours under a day and minutes under an hour', () => {
    expect(timeLeft(after(5 * HOUR + 10 * MIN), now)).toEqual({ unit: 'hours', count: 5, soon: true });
    expect(timeLeft(after(59 * MIN + 45_000), now)).toEqual({ unit: 'hours', count: 1, soon: true });
    expect(timeLeft(after(42 * MIN + 10_000), now)).toEqual({ unit: 'minutes', count: 43, soon: true });
    expect(timeLeft(after(1000), now)).toEqual({ unit: 'minutes', count: 1, soon: true });
  });

  it('is expired at and after the deadline, and for a date it cannot read', () => {
    expect(timeLeft(after(0), now)).toEqual({ unit: 'expired' });
    expect(timeLeft(after(-DAY), now)).toEqual({ unit: 'expired' });
    expect(timeLeft('not a date', now)).toEqual({ unit: 'expired' });
  });

  it('maps to the translation keys', () => {
    expect(timeLeftKey({ unit: 'days', count: 2, soon: true })).toBe('invitations.expiresDays');
    expect(timeLeftKey({ unit: 'hours', count: 2, soon: true })).toBe('invitations.expiresHours');
    expect(timeLeftKey({ unit: 'minutes', count: 2, soon: true })).toBe('invitations.expiresMinutes');
    expect(timeLeftKey({ unit: 'expired' })).toBe('invitations.expired');
  });
});
