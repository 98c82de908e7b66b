/**
 * The claiming proxy around the store (`http/idempotency-claim.ts`) is read on every query: each of
 * kysely's methods is bound once, so a query allocates no bound function of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { claimingTransactions } from '../../../src-server/http/idempotency-claim.js';

describe('the claiming store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-claiming-'));
  const base = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  const db = claimingTransactions(base);
  afterAll(async () => {
    await base.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out the same bound method on every read, still running on the real instance', async () => {
    expect(db.selectFrom).toBe(db.selectFrom);
    expect(db.executeQuery).toBe(db.executeQuery);
    expect(db.getExecutor).toBe(db.getExecutor);
    expect(db.getExecutor()).toBe(base.getExecutor());
    const { rows } = await db.executeQuery<{ one: number }>({ ...base.selectNoFrom((eb) => eb.lit(1).as('one')).compile() });
    expect(rows).toEqual([{ one: 1 }]);
    expect(await db.transaction().execute(async (trx) => (await trx.selectNoFrom((eb) => eb.lit(2).as('two')).execute())[0])).toEqual({ two: 2 });
  });
});
