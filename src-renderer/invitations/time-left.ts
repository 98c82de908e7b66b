export type TimeLeft = { unit: 'expired' } | { unit: 'days' | 'hours' | 'minutes'; count: number; soon: boolean };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long an invitation stays open, rounded the way people say it: a fresh 7-day invitation
 * "expires in 7 days", not 6; under a day it counts hours, under an hour minutes.
 */
export function timeLeft(expiresAt: string, now: Date): TimeLeft {
  const ms = Date.parse(expiresAt) - now.getTime();
  if (!(ms > 0)) return { unit: 'expired' };
  if (ms >= DAY - HOUR / 2) return { unit: 'days', count: Math.max(1, Math.round(ms / DAY)), soon: ms < 2 * DAY };
  if (ms >= HOUR - MINUTE / 2) return { unit: 'hours', count: Math.max(1, Math.round(ms / HOUR)), soon: true };
  return { unit: 'minutes', count: Math.max(1, Math.ceil(ms / MINUTE)), soon: true };
}

/** The i18n key for a TimeLeft; plural forms come from `count`. */
export function timeLeftKey(left: TimeLeft): string {
  switch (left.unit) {
    case 'expired':
      return 'invitations.expired';
    case 'days':
      return 'invitations.expiresDays';
    case 'hours':
      return 'invitations.expiresHours';
    case 'minutes':
      return 'invitations.expiresMinutes';
  }
}
