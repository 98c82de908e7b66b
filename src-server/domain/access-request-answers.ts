import type { Kysely, Transaction } from 'kysely';
import type { AccessRequest, ApproveAccessRequest } from '../../src-shared/api/access-requests.js';
import { effectivePermissions, type Permission, type Scope } from '../../src-shared/api/permissions.js';
import type { AccessRequestRow, Database, UserRow } from '../db/tables.js';
import { assertCanGrant, assertPermission, requireGrant } from './access.js';
import { lockAccount } from './account-lock.js';
import { auditedAccounts, getAccessRequest, requestStatus } from './access-requests.js';
import { recordAudit } from './audit.js';
import type { Clock } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError, notFound } from './errors.js';
import { findMembership, insertMembership, parsePermissions, parseScope, serializeScope } from './memberships.js';

/**
 * The request as the account's owner or admin may answer it: about this account, or sent to its
 * owner's customer number and not yet taken by another account. Anything else is `not_found`.
 */
async function answerableRequest(db: Kysely<Database>, accountId: string, requestId: string): Promise<AccessRequestRow> {
  const row = await db.selectFrom('access_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  const account = await db.selectFrom('accounts').select('owner_id').where('id', '=', accountId).executeTakeFirst();
  const mine = row && account && (row.account_id === accountId || (row.account_id === null && row.target_user_id === account.owner_id));
  if (!mine) throw notFound('The access request');
  return row;
}

function notPending(row: AccessRequestRow, now: Date): ClientAreaError {
  const status = requestStatus(row, now);
  const why = status === 'expired' ? 'it expired unanswered after 7 days' : `it was already ${status}`;
  return new ClientAreaError('access_request_not_pending', 409, `This access request can no longer be answered: ${why}.`);
}

/**
 * What the approval gives: never more than was asked. Without permissions, everything asked; a
 * scope narrows a new grant within the scope asked (whole account asked: any scope).
 */
function grantedBy(row: AccessRequestRow, answer: ApproveAccessRequest, existing: boolean): { permissions: Permission[]; scope: Scope } {
  const asked = parsePermissions(row.permissions);
  const permissions = answer.permissions ? [...new Set(answer.permissions)] : asked;
  const extra = permissions.filter((p) => !asked.includes(p));
  if (extra.length > 0) {
    throw new ClientAreaError('validation_failed', 400, `You can give only what was asked; these were not: ${extra.join(', ')}.`);
  }
  const askedScope = parseScope(row.scope);
  if (answer.scope === undefined) return { permissions, scope: existing ? null : askedScope };
  if (existing) {
    throw new ClientAreaError('validation_failed', 400, 'This person already has access; their scope stays as it is (change it under People).');
  }
  const scope = answer.scope;
  if (askedScope !== null) {
    const within = (kind: 'services' | 'domains') => (scope?.[kind] ?? []).every((item) => (askedScope[kind] ?? []).includes(item));
    if (scope === null || !within('services') || !within('domains')) {
      throw new ClientAreaError('validation_failed', 400, 'The scope can only narrow what was asked: choose among the services and domains in the request.');
    }
  }
  return { permissions, scope };
}

/**
 * The owner (or an admin with users.manage, giving only what they hold) approves: a new grant as a
 * member, or the asked permissions added to the requester's grant. One transaction; a second
 * answer finds the request no longer pending.
 */
export async function approveAccessRequest(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  requestId: string,
  answer: ApproveAccessRequest,
): Promise<AccessRequest> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  const row = await answerableRequest(ctx.db, accountId, requestId);
  if (requestStatus(row, now) !== 'pending') throw notPending(row, now);
  await ctx.db.transaction().execute(async (trx) => {
    await lockAccount(trx, accountId);
    const membership = await findMembership(trx, row.requester_id, accountId);
    const given = grantedBy(row, answer, membership !== undefined);
    assertCanGrant(grant, given.permissions);
    await claim(trx, now, row, {
      status: 'approved',
      account_id: accountId,
      answered_by: actor.id,
      granted_permissions: JSON.stringify(given.permissions),
      granted_scope: serializeScope(given.scope),
    });
    if (membership) {
      const held = parsePermissions(membership.permissions);
      const permissions = effectivePermissions(membership.role, [...held, ...given.permissions]);
      await trx
        .updateTable('memberships')
        .set({ permissions: JSON.stringify(permissions), updated_at: now.toISOString() })
        .where('id', '=', membership.id)
        .execute();
    } else {
      await insertMembership(trx, now, {
        accountId,
        userId: row.requester_id,
        role: 'member',
        permissions: given.permissions,
        scope: given.scope,
        origin: 'invitation',
      });
    }
    const requester = await trx.selectFrom('users').select('email').where('id', '=', row.requester_id).executeTakeFirstOrThrow();
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'access_request.approved',
      subject: requester.email,
      detail: { requestId, asked: parsePermissions(row.permissions), granted: given.permissions, scope: given.scope },
    });
  });
  return getAccessRequest(ctx.db, now, requestId);
}

/** The owner (or an admin with users.manage) declines; nothing changes on the account. */
export async function declineAccessRequest(ctx: ClientAreaContext, actor: UserRow, accountId: string, requestId: string): Promise<AccessRequest> {
  const now = ctx.clock();
  assertPermission(await requireGrant(ctx.db, actor.id, accountId), 'users.manage');
  const row = await answerableRequest(ctx.db, accountId, requestId);
  if (requestStatus(row, now) !== 'pending') throw notPending(row, now);
  await ctx.db.transaction().execute(async (trx) => {
    await claim(trx, now, row, { status: 'declined', answered_by: actor.id });
    const requester = await trx.selectFrom('users').select('email').where('id', '=', row.requester_id).executeTakeFirstOrThrow();
    for (const id of await auditedAccounts(trx, row)) {
      await recordAudit(trx, now, { accountId: id, actorId: actor.id, action: 'access_request.declined', subject: requester.email, detail: { requestId } });
    }
  });
  return getAccessRequest(ctx.db, now, requestId);
}

/** Moves a pending request on, once: a concurrent answer (on any server) finds it taken. */
async function claim(trx: Transaction<Database>, now: Date, row: AccessRequestRow, set: Partial<AccessRequestRow>): Promise<void> {
  const at = now.toISOString();
  const result = await trx
    .updateTable('access_requests')
    .set({ ...set, answered_at: at, updated_at: at })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notPending({ ...row, status: 'approved' }, now);
}

/**
 * Marks requests whose 7 days ended as expired and records it in the audit trail, once each
 * (the conditional update claims a row; run by the server's periodic sweep, `domain/retention.ts`).
 * Reads never wait for it: `requestStatus` already answers `expired` at the instant.
 */
export async function expireAccessRequests(db: Kysely<Database>, clock: Clock): Promise<number> {
  const now = clock();
  const at = now.toISOString();
  const due = await db
    .selectFrom('access_requests')
    .innerJoin('users', 'users.id', 'access_requests.requester_id')
    .selectAll('access_requests')
    .select('users.email as requester_email')
    .where('access_requests.status', '=', 'pending')
    .where('access_requests.expires_at', '<=', at)
    .limit(500)
    .execute();
  let expired = 0;
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('access_requests')
        .set({ status: 'expired', updated_at: at })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return;
      expired += 1;
      for (const id of await auditedAccounts(trx, row)) {
        await recordAudit(trx, now, {
          accountId: id,
          actorId: null,
          action: 'access_request.expired',
          subject: row.requester_email,
          detail: { requestId: row.id },
        });
      }
    });
  }
  return expired;
}
