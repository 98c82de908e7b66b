import type { Kysely } from 'kysely';
import { PERMISSIONS } from '../../src-shared/api/permissions.js';
import type { OwnershipTransfer } from '../../src-shared/api/team.js';
import type { Database, OwnershipTransferRow, UserRow } from '../db/tables.js';
import { lockAccount } from './account-lock.js';
import { assertOwner, requireGrant } from './access.js';
import { requireAccountExists } from './accounts.js';
import { recordAudit } from './audit.js';
import { addDays } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError, notFound } from './errors.js';
import { findMembership } from './memberships.js';
import { newId } from './tokens.js';
import { findUserById, mailAddressOf } from './users.js';

const TRANSFER_DAYS = 7;

function toTransfer(row: OwnershipTransferRow): OwnershipTransfer {
  return { id: row.id, accountId: row.account_id, toUserId: row.to_user_id, status: row.status, createdAt: row.created_at };
}

/**
 * The owner offers the account to another user who already has access. Nothing changes until
 * that user confirms; a newer offer replaces an older one.
 */
export async function requestOwnershipTransfer(ctx: ClientAreaContext, actor: UserRow, accountId: string, toUserId: string): Promise<OwnershipTransfer> {
  const now = ctx.clock();
  assertOwner(await requireGrant(ctx.db, actor.id, accountId), 'transfer the ownership');
  if (toUserId === actor.id) throw new ClientAreaError('conflict', 409, 'You already own this account.');
  const target = await findUserById(ctx.db, toUserId);
  if (!target || !(await findMembership(ctx.db, toUserId, accountId))) {
    throw new ClientAreaError('not_found', 404, 'The ownership can only go to a user who already has access to this account.');
  }
  if (target.status !== 'active')
    throw new ClientAreaError('conflict', 409, 'This user cannot sign in (not activated or disabled), so cannot become the owner.');
  const account = await requireAccountExists(ctx.db, accountId);
  const at = now.toISOString();
  const row: OwnershipTransferRow = {
    id: newId('otr'),
    account_id: accountId,
    from_user_id: actor.id,
    to_user_id: toUserId,
    status: 'pending',
    expires_at: addDays(now, TRANSFER_DAYS).toISOString(),
    created_at: at,
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    // Concurrent requests queue here, so each cancels the pending offer the one before it made.
    await lockAccount(trx, accountId);
    await trx
      .updateTable('ownership_transfers')
      .set({ status: 'cancelled', updated_at: at })
      .where('account_id', '=', accountId)
      .where('status', '=', 'pending')
      .execute();
    await trx.insertInto('ownership_transfers').values(row).execute();
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'ownership.transfer_requested',
      subject: target.email,
      detail: { transferId: row.id, toUserId },
    });
    await ctx.mailer.enqueue(trx, now, {
      to: mailAddressOf(target),
      kind: 'access',
      template: 'ownership_transfer',
      language: target.language,
      accountId,
      vars: { name: target.name, accountName: account.name, inviterName: actor.name },
    });
  });
  return toTransfer(row);
}

async function pendingTransfer(db: Kysely<Database>, now: Date, accountId: string): Promise<OwnershipTransferRow | undefined> {
  return db
    .selectFrom('ownership_transfers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** The pending offer, for the owner who made it and the user it is for. */
export async function getPendingTransfer(ctx: ClientAreaContext, actor: UserRow, accountId: string): Promise<OwnershipTransfer> {
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  const row = await pendingTransfer(ctx.db, ctx.clock(), accountId);
  if (!row || (grant.role !== 'owner' && row.to_user_id !== actor.id)) throw notFound('A pending ownership transfer');
  return toTransfer(row);
}

/**
 * The offered user confirms: they become the owner with every permission, and the previous owner
 * stays on as an admin with every permission (they can leave afterwards). One transaction.
 */
export async function confirmOwnershipTransfer(ctx: ClientAreaContext, actor: UserRow, accountId: string): Promise<OwnershipTransfer> {
  const now = ctx.clock();
  await requireGrant(ctx.db, actor.id, accountId);
  const row = await pendingTransfer(ctx.db, now, accountId);
  if (!row || row.to_user_id !== actor.id) {
    throw new ClientAreaError('not_found', 404, 'There is no pending ownership transfer to you on this account (it may have been cancelled or have expired).');
  }
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('ownership_transfers')
      .set({ status: 'confirmed', updated_at: at })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const moved = await trx
      .updateTable('accounts')
      .set({ owner_id: actor.id, updated_at: at })
      .where('id', '=', accountId)
      .where('owner_id', '=', row.from_user_id)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1 || Number(moved.numUpdatedRows) !== 1) {
      throw new ClientAreaError('conflict', 409, 'The account changed hands in the meantime; this transfer no longer applies.');
    }
    const all = JSON.stringify(PERMISSIONS);
    await trx
      .updateTable('memberships')
      .set({ role: 'admin', permissions: all, scope: null, updated_at: at })
      .where('account_id', '=', accountId)
      .where('user_id', '=', row.from_user_id)
      .execute();
    await trx
      .updateTable('memberships')
      .set({ role: 'owner', permissions: all, scope: null, updated_at: at })
      .where('account_id', '=', accountId)
      .where('user_id', '=', actor.id)
      .execute();
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'ownership.transferred',
      subject: actor.email,
      detail: { transferId: row.id, fromUserId: row.from_user_id },
    });
  });
  return { ...toTransfer(row), status: 'confirmed' };
}

/** The owner withdraws the offer, or the offered user declines it. */
export async function cancelOwnershipTransfer(ctx: ClientAreaContext, actor: UserRow, accountId: string): Promise<OwnershipTransfer> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  const row = await pendingTransfer(ctx.db, now, accountId);
  if (!row || (grant.role !== 'owner' && row.to_user_id !== actor.id)) throw notFound('A pending ownership transfer');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('ownership_transfers').set({ status: 'cancelled', updated_at: now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'ownership.transfer_cancelled', detail: { transferId: row.id } });
  });
  return { ...toTransfer(row), status: 'cancelled' };
}
