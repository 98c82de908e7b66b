import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { ACCESS_REQUEST_DAYS, type AccessRequest, type AccessRequestStatus, type CreateAccessRequest } from '../../src-shared/api/access-requests.js';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { AccessRequestRow, Database, UserRow } from '../db/tables.js';
import { assertPermission, requireGrant } from './access.js';
import { recordAudit } from './audit.js';
import { addDays } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError, notFound } from './errors.js';
import { LIMITS } from './limits.js';
import { findMembership, grantOf, parsePermissions, parseScope, serializeScope } from './memberships.js';
import { normalizeOffer } from './outgoing-invitations.js';
import { type ListQuery, newestFirstPage, sinceIso } from './paging.js';
import { newSortableId } from './tokens.js';
import { findUserByCustomerNumber, findUserById, mailAddressOf } from './users.js';

export type AccessRequestInput = z.output<typeof CreateAccessRequest>;

/** Pending until answered, expired once its 7 days are over even before the sweep marks it. */
export function requestStatus(row: Pick<AccessRequestRow, 'status' | 'expires_at'>, now: Date): AccessRequestStatus {
  return row.status === 'pending' && row.expires_at <= now.toISOString() ? 'expired' : row.status;
}

type ListedRow = AccessRequestRow & { requester_name: string; requester_email: string; account_name: string | null };

function listedQuery(db: Kysely<Database>) {
  return db
    .selectFrom('access_requests')
    .innerJoin('users as requester', 'requester.id', 'access_requests.requester_id')
    .leftJoin('accounts', 'accounts.id', 'access_requests.account_id')
    .selectAll('access_requests')
    .select(['requester.name as requester_name', 'requester.email as requester_email', 'accounts.name as account_name']);
}

export function toAccessRequest(row: ListedRow, now: Date): AccessRequest {
  return {
    id: row.id,
    status: requestStatus(row, now),
    accountId: row.account_id,
    accountName: row.account_name,
    customerNumber: row.customer_number,
    requester: { userId: row.requester_id, name: row.requester_name, email: row.requester_email },
    permissions: parsePermissions(row.permissions),
    scope: parseScope(row.scope),
    message: row.message,
    granted: row.granted_permissions === null ? null : { permissions: parsePermissions(row.granted_permissions), scope: parseScope(row.granted_scope) },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
  };
}

export async function getAccessRequest(db: Kysely<Database>, now: Date, id: string): Promise<AccessRequest> {
  const row = await listedQuery(db).where('access_requests.id', '=', id).executeTakeFirstOrThrow();
  return toAccessRequest(row, now);
}

/** The accounts whose audit trail a request belongs in: the one asked about, or every account of the owner asked. */
export async function auditedAccounts(db: Kysely<Database>, row: Pick<AccessRequestRow, 'account_id' | 'target_user_id'>): Promise<string[]> {
  if (row.account_id) return [row.account_id];
  if (!row.target_user_id) return [];
  const owned = await db.selectFrom('accounts').select('id').where('owner_id', '=', row.target_user_id).orderBy('id').execute();
  return owned.map((a) => a.id);
}

/**
 * Someone asks for access (docs/ARCHITECTURE.md §5). By account id: only for an account they
 * already reach, for permissions they do not hold yet (an outsider gets `not_found`, as
 * everywhere). By customer number: the answer is the same whether or not the number has a login,
 * so nobody can find out which numbers exist; only a real owner is mailed. Limited per requester
 * and per target (`domain/limits.ts`).
 */
export async function createAccessRequest(ctx: ClientAreaContext, actor: UserRow, input: AccessRequestInput, baseUrl: string): Promise<AccessRequest> {
  const now = ctx.clock();
  let accountId: string | null = null;
  let target: UserRow | undefined;
  // Asked permissions go through the same rules as an invitation's: a member never manages users,
  // an admin may ask for it back.
  let asked: ReturnType<typeof normalizeOffer>;
  if ('accountId' in input) {
    const membership = await findMembership(ctx.db, actor.id, input.accountId);
    if (!membership) throw notFound('The account');
    asked = normalizeOffer(membership.role === 'admin' ? 'admin' : 'member', input.permissions, undefined);
    const held = grantOf(membership).permissions;
    if (membership.role === 'owner') throw new ClientAreaError('conflict', 409, 'You own this account and already hold every permission.');
    if (asked.permissions.every((p) => held.includes(p))) {
      throw new ClientAreaError('conflict', 409, 'You already hold every permission you asked for on this account.');
    }
    accountId = input.accountId;
  } else {
    asked = normalizeOffer('member', input.permissions, input.scope);
    if (input.customerNumber === actor.customer_number) {
      throw new ClientAreaError('validation_failed', 400, 'This is your own customer number; ask the owner of the account for theirs.');
    }
    target = await findUserByCustomerNumber(ctx.db, input.customerNumber);
  }
  await ctx.limits.consume(LIMITS.accessRequestsPerRequester, actor.id);
  await ctx.limits.consume(LIMITS.accessRequestsPerTarget, 'accountId' in input ? input.accountId : `number:${input.customerNumber}`);

  const at = now.toISOString();
  const row: AccessRequestRow = {
    id: newSortableId('arq'),
    requester_id: actor.id,
    account_id: accountId,
    customer_number: 'customerNumber' in input ? input.customerNumber : null,
    target_user_id: target?.id ?? null,
    permissions: JSON.stringify(asked.permissions),
    scope: serializeScope(asked.scope),
    message: input.message,
    status: 'pending',
    granted_permissions: null,
    granted_scope: null,
    answered_by: null,
    answered_at: null,
    expires_at: addDays(now, ACCESS_REQUEST_DAYS).toISOString(),
    created_at: at,
    updated_at: at,
  };
  await ctx.db.transaction().execute(async (trx) => {
    // One requester's requests queue behind each other (a no-op update locks their login's row),
    // so the duplicate check below sees the request committed just before, on any server.
    await trx
      .updateTable('users')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', actor.id)
      .execute();
    await assertNoPendingRequest(trx, now, actor.id, row);
    await trx.insertInto('access_requests').values(row).execute();
    for (const id of await auditedAccounts(trx, row)) {
      await recordAudit(trx, now, {
        accountId: id,
        actorId: actor.id,
        action: 'access_request.created',
        subject: actor.email,
        detail: { requestId: row.id, permissions: asked.permissions },
      });
    }
    await mailOwner(ctx, trx, now, actor, row, asked.permissions, baseUrl);
  });
  return getAccessRequest(ctx.db, now, row.id);
}

async function assertNoPendingRequest(db: Kysely<Database>, now: Date, requesterId: string, row: AccessRequestRow): Promise<void> {
  let q = db
    .selectFrom('access_requests')
    .select('expires_at')
    .where('requester_id', '=', requesterId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now.toISOString());
  q = row.account_id ? q.where('account_id', '=', row.account_id) : q.where('customer_number', '=', row.customer_number).where('account_id', 'is', null);
  const pending = await q.executeTakeFirst();
  if (pending) {
    throw new ClientAreaError(
      'conflict',
      409,
      `You already have an open request there (it expires ${pending.expires_at.slice(0, 10)}). Wait for the owner's answer before asking again.`,
    );
  }
}

async function mailOwner(
  ctx: ClientAreaContext,
  db: Kysely<Database>,
  now: Date,
  actor: UserRow,
  row: AccessRequestRow,
  permissions: Permission[],
  baseUrl: string,
) {
  let owner: UserRow | undefined;
  let accountName: string | undefined;
  if (row.account_id) {
    const account = await db.selectFrom('accounts').select(['name', 'owner_id']).where('id', '=', row.account_id).executeTakeFirstOrThrow();
    owner = await findUserById(db, account.owner_id);
    accountName = account.name;
  } else if (row.target_user_id) {
    owner = await findUserById(db, row.target_user_id);
  }
  if (!owner) return;
  const link = row.account_id ? `${baseUrl}/panel/accounts/${encodeURIComponent(row.account_id)}` : `${baseUrl}/panel/accounts`;
  await ctx.mailer.enqueue(db, now, {
    to: mailAddressOf(owner),
    kind: 'access',
    template: 'access_request',
    language: owner.language,
    accountId: row.account_id,
    vars: {
      name: owner.name,
      requesterName: actor.name,
      requesterEmail: actor.email,
      permissions: permissions.join(', '),
      message: row.message,
      link,
      ...(accountName ? { accountName } : {}),
    },
  });
}

/** The caller's own requests with their outcome, newest first. */
export async function listOwnRequests(db: Kysely<Database>, now: Date, actor: UserRow, query: ListQuery) {
  return pageRequests(listedQuery(db).where('access_requests.requester_id', '=', actor.id), now, query);
}

/**
 * The requests an account's owner (or an admin with users.manage) answers: those about this
 * account, and those sent to its owner's customer number that no account has taken yet.
 */
export async function listAccountRequests(db: Kysely<Database>, now: Date, actor: UserRow, accountId: string, query: ListQuery) {
  assertPermission(await requireGrant(db, actor.id, accountId), 'users.manage');
  const account = await db.selectFrom('accounts').select('owner_id').where('id', '=', accountId).executeTakeFirstOrThrow();
  const q = listedQuery(db).where((eb) =>
    eb.or([
      eb('access_requests.account_id', '=', accountId),
      eb.and([eb('access_requests.account_id', 'is', null), eb('access_requests.target_user_id', '=', account.owner_id)]),
    ]),
  );
  return pageRequests(q, now, query);
}

/**
 * Every open request the caller may answer, across all their accounts, for a client's one-request
 * sync: about an account they own or administer with users.manage, or sent to their customer number
 * while they own an account.
 */
export async function listRequestsToAnswer(db: Kysely<Database>, now: Date, actor: UserRow, query: ListQuery) {
  const nowIso = now.toISOString();
  const q = listedQuery(db)
    .where('access_requests.status', '=', 'pending')
    .where('access_requests.expires_at', '>', nowIso)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.id')
            .whereRef('m.account_id', '=', 'access_requests.account_id')
            .where('m.user_id', '=', actor.id)
            // Stored permissions are a JSON array of names; an admin answers only with users.manage.
            .where((w) => w.or([w('m.role', '=', 'owner'), w.and([w('m.role', '=', 'admin'), w('m.permissions', 'like', '%"users.manage"%')])])),
        ),
        eb.and([
          eb('access_requests.account_id', 'is', null),
          eb('access_requests.target_user_id', '=', actor.id),
          eb.exists(eb.selectFrom('accounts as owned').select('owned.id').where('owned.owner_id', '=', actor.id)),
        ]),
      ]),
    );
  return pageRequests(q, now, query);
}

async function pageRequests(q: ReturnType<typeof listedQuery>, now: Date, query: ListQuery) {
  const since = sinceIso(query.updatedSince);
  if (since !== undefined) q = q.where('access_requests.updated_at', '>=', since);
  return newestFirstPage(q, { createdAt: 'access_requests.created_at', id: 'access_requests.id' }, query, (r) => toAccessRequest(r, now));
}
