import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../src-server/config/settings.js';
import { addDays } from '../../../src-server/domain/clock.js';
import { effectiveStatus } from '../../../src-server/domain/invitations.js';

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
