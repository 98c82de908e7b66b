import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

/**
 * Queues the changes of one account behind each other until the transaction ends: a row lock on
 * PostgreSQL (a no-op update of the account), the write lock on SQLite. A check-then-insert made
 * after it (a duplicate invitation, a second membership, a second pending transfer) sees every
 * change committed before, on every server sharing the store. The row's values do not change,
 * so no list's ETag or updatedSince moves.
 */
export async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx
    .updateTable('accounts')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', accountId)
    .execute();
}
