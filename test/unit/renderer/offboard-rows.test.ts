import { describe, expect, it } from 'vitest';
import { offboardRows } from '../../../src-renderer/bulk/offboard-rows.js';

describe('what offboarding would change', () => {
  it('lists memberships, then pending invitations, each with the target main takes and a key of its own', () => {
    const where = { connectionId: 'c1', providerLabel: 'P', accountId: 'a1', accountName: 'Alpha' };
    const rows = offboardRows({
      email: 'x@y.example',
      found: [{ ...where, userId: 'u1', role: 'member', permissions: ['tickets'] }],
      invitations: [{ ...where, accountId: 'a2', accountName: 'Beta', invitationId: 'inv1' }],
      unsearched: [],
    });
    expect(rows.map((r) => [r.accountName, r.role, r.target])).toEqual([
      ['Alpha', 'member', { connectionId: 'c1', accountId: 'a1', userId: 'u1' }],
      ['Beta', null, { connectionId: 'c1', accountId: 'a2', invitationId: 'inv1' }],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });
});
