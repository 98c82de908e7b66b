import { describe, expect, it } from 'vitest';
import { accessDaysLeft } from '../../../src-renderer/accounts/access-left.js';
import { accessLeftKey, accessPolicyFor, endOfDay, firstEndDay, isFutureDay, timeLeft } from '../../../src-renderer/account-detail/access-end.js';
import { parseDomains } from '../../../src-renderer/account-detail/InvitationDomainsEditor.js';

const NOW = new Date(2026, 2, 10, 15, 30);
const DAY = 86_400_000;

describe('the last day of access a person picks', () => {
  it('ends when that local day ends, and must come after today', () => {
    const end = endOfDay('2026-03-20')!;
    expect(new Date(end).getDate()).toBe(20);
    expect(new Date(end).getHours()).toBe(23);
    expect(new Date(end).getMinutes()).toBe(59);
    expect(firstEndDay(NOW)).toBe('2026-03-11');
    expect(isFutureDay('2026-03-11', NOW)).toBe(true);
    expect(isFutureDay('2026-03-10', NOW)).toBe(false);
    expect(isFutureDay('2026-02-30', NOW)).toBe(false);
    expect(endOfDay('20.03.2026')).toBeNull();
  });

  it('crosses the month and the year', () => {
    expect(firstEndDay(new Date(2026, 11, 31, 9))).toBe('2027-01-01');
  });
});

describe('time left of a grant', () => {
  it('is said in days, hours or minutes, and "ended" once past', () => {
    expect(accessLeftKey(timeLeft(new Date(NOW.getTime() + 5 * DAY).toISOString(), NOW))).toBe('expiry.endsDays');
    expect(accessLeftKey(timeLeft(new Date(NOW.getTime() + 3 * 3_600_000).toISOString(), NOW))).toBe('expiry.endsHours');
    expect(accessLeftKey(timeLeft(new Date(NOW.getTime() + 60_000).toISOString(), NOW))).toBe('expiry.endsMinutes');
    expect(accessLeftKey(timeLeft(new Date(NOW.getTime() - 1).toISOString(), NOW))).toBe('expiry.ended');
  });

  it('in the accounts list counts whole days rounded up, and nothing without an end or once past', () => {
    expect(accessDaysLeft(new Date(NOW.getTime() + 2.2 * DAY).toISOString(), NOW)).toBe(3);
    expect(accessDaysLeft(new Date(NOW.getTime() + 1000).toISOString(), NOW)).toBe(1);
    expect(accessDaysLeft(null, NOW)).toBeNull();
    expect(accessDaysLeft(new Date(NOW.getTime() - 1000).toISOString(), NOW)).toBeNull();
  });
});

describe('what the access policy offers', () => {
  const withPolicy = { capabilities: ['users.manage' as const, 'access_policy' as const] };
  it('needs the capability; ends for whoever runs the team, domains for the owner alone', () => {
    expect(accessPolicyFor({ role: 'owner', permissions: [] }, withPolicy)).toEqual({ ends: true, domains: true });
    expect(accessPolicyFor({ role: 'admin', permissions: ['users.manage'] }, withPolicy)).toEqual({ ends: true, domains: false });
    expect(accessPolicyFor({ role: 'member', permissions: ['tickets'] }, withPolicy)).toEqual({ ends: false, domains: false });
    expect(accessPolicyFor({ role: 'owner', permissions: [] }, { capabilities: ['users.manage'] })).toEqual({ ends: false, domains: false });
  });
});

describe('the allowed domains an owner types', () => {
  it('splits lines and commas, lower-cases, drops repeats and names what is not a domain', () => {
    expect(parseDomains('Agency.example, client.example\n\nagency.example')).toEqual({ domains: ['agency.example', 'client.example'], invalid: [] });
    expect(parseDomains('@agency.example localhost *.example')).toEqual({ domains: [], invalid: ['@agency.example', 'localhost', '*.example'] });
    expect(parseDomains('   ')).toEqual({ domains: [], invalid: [] });
  });
});
