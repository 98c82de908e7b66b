/**
 * Access requests page newest first by keyset (domain/paging.ts `newestFirstPage`, which outgoing
 * invitations share): following `nextCursor` at any page size gives every request once, in the
 * order of one big page, including requests made in the same millisecond (ordered by id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRequestList } from '../../../src-shared/api/access-requests.js';
import { type Harness, startHarness } from './harness.js';
import { accountOf, person, type Person } from './scenario.js';

describe('access requests paged by cursor', () => {
  let h: Harness;
  let owner: Person;

  beforeAll(async () => {
    h = await startHarness();
    owner = await person(h, 'owner');
    await accountOf(h, owner, 'Paged Shop');
    for (let i = 0; i < 7; i++) {
      const asker = await person(h, `asker${i}`);
      const res = await h.call('POST', '/api/v1/access-requests', {
        token: asker.token,
        body: { customerNumber: owner.customerNumber, permissions: ['tickets'], message: `Asker ${i} here.` },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // Pairs of requests share a millisecond, so the id decides between them.
      if (i % 2 === 1) h.advance(1);
    }
  });
  afterAll(() => h.close());

  const page = async (limit: number, cursor: string | null) => {
    const res = await h.call('GET', `/api/v1/access-requests/incoming?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return AccessRequestList.parse(res.body);
  };

  it('gives every request once, newest first, whatever the page size', async () => {
    const all = (await page(100, null)).items;
    expect(all).toHaveLength(7);
    const order = all.map((r) => [r.createdAt, r.id].join(' '));
    expect(order).toEqual([...order].sort().reverse());
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const next = await page(limit, cursor);
        expect(next.items.length).toBeLessThanOrEqual(limit);
        seen.push(...next.items.map((r) => r.id));
        cursor = next.nextCursor ?? null;
      } while (cursor);
      expect(seen).toEqual(all.map((r) => r.id));
    }
  });
});
