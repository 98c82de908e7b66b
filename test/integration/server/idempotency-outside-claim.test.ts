/**
 * Work a request does on its way that is not its own effect (retiring ended access before a
 * signed-in handler runs, `http/auth.ts`) commits without the request's idempotency key: only the
 * request's own first transaction carries it (docs/ARCHITECTURE.md §5 "Idempotency").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import { claimingTransactions, currentClaim, outsideClaimSlot, withClaimSlot } from '../../../src-server/http/idempotency-claim.js';

describe('a claim slot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-claim-'));
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  const db = claimingTransactions(base);
  beforeAll(() => migrateToLatest(base));
  afterAll(async () => {
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const keys = () => base.selectFrom('idempotency_keys').select('key_hash').execute();
  const touch = () => db.transaction().execute((trx) => trx.updateTable('account_list_version').set({ version: 1 }).where('id', '=', 1).execute());

  it('is not claimed by a transaction run outside it, and is by the request’s own one after it', async () => {
    await new Promise<void>((resolve, reject) =>
      withClaimSlot(() => {
        Object.assign(currentClaim()!, { keyHash: 'k1', requestHash: 'r1', createdAt: '2026-03-03T09:00:00.000Z' });
        (async () => {
          await outsideClaimSlot(touch);
          expect(await keys()).toEqual([]);
          expect(currentClaim()?.claimed).toBeUndefined();
          await touch();
          expect(await keys()).toEqual([{ key_hash: 'k1' }]);
          expect(currentClaim()?.claimed).toBe(true);
        })().then(resolve, reject);
      }),
    );
  });
});
