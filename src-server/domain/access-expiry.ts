/**
 * Access that ends by itself (docs/ARCHITECTURE.md §5 "Expiring access", §9). A membership with an
 * end has a row in `access_expiries`; at that instant the membership goes with everything it left
 * behind (panel sessions, SSO links), three days before the person and the owner are reminded once.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { ClientAreaError } from './errors.js';

/** An end the caller sets must lie ahead: a grant that ended already is a revocation, not an expiry. */
export function assertFutureExpiry(now: Date, expiresAt: string | null | undefined): void {
  if (expiresAt === null || expiresAt === undefined) return;
  if (new Date(expiresAt).getTime() <= now.getTime()) {
    throw new ClientAreaError('validation_failed', 400, 'The end of the access must lie in the future. Pick a later date, or remove the access instead.');
  }
}

/** Normalises an API timestamp (any offset) to the stored UTC text, which sorts as time. */
export function storedInstant(expiresAt: string | null | undefined): string | null {
  return expiresAt === null || expiresAt === undefined ? null : new Date(expiresAt).toISOString();
}

/**
 * Sets, moves or lifts (null) when a membership ends, inside the caller's transaction. A moved end
 * earns a fresh reminder; the membership's `updated_at` moves so lists and sync see the change.
 */
export async function setMembershipExpiry(
  trx: Transaction<Database>,
  now: Date,
  membership: { id: string; account_id: string; user_id: string },
  expiresAt: string | null,
): Promise<void> {
  const at = now.toISOString();
  await trx.deleteFrom('access_expiries').where('membership_id', '=', membership.id).execute();
  if (expiresAt !== null) {
    await trx
      .insertInto('access_expiries')
      .values({
        membership_id: membership.id,
        account_id: membership.account_id,
        user_id: membership.user_id,
        expires_at: expiresAt,
        reminded_at: null,
        updated_at: at,
      })
      .execute();
  }
  await trx.updateTable('memberships').set({ updated_at: at }).where('id', '=', membership.id).execute();
}
