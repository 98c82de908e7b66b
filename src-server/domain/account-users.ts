import type { Kysely, Transaction } from 'kysely';
import type { AccountUser, UpdateAccountUser } from '../../src-shared/api/team.js';
import type { Database, MembershipRow, UserRow } from '../db/tables.js';
import { assertCanGrant, assertPermission, type Grant, requireGrant, toGrant } from './access.js';
import { assertFutureExpiry, setMembershipExpiry, storedInstant } from './access-expiry.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError, notFound } from './errors.js';
import { findMembership, grantOf, parsePermissions } from './memberships.js';
import { normalizeOffer } from './outgoing-invitations.js';
import { type ListQuery, decodePair, encodeKeyset, pageOf, sinceIso } from './paging.js';

type MemberRow = MembershipRow & Pick<UserRow, 'name' | 'email' | 'status'> & { user_updated_at: string; access_expires_at: string | null };

function membersQuery(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('access_expiries', 'access_expiries.membership_id', 'memberships.id')
    .selectAll('memberships')
    .select(['users.name', 'users.email', 'users.status', 'users.updated_at as user_updated_at', 'access_expiries.expires_at as access_expires_at'])
    .where('memberships.account_id', '=', accountId);
}

export function toAccountUser(row: MemberRow): AccountUser {
  const origin = row.role === 'owner' ? 'owner' : row.origin === 'managed' ? 'managed' : row.origin === 'owner' ? 'owner' : 'invitation';
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    ...grantOf(row),
    status: row.status,
    origin,
    joinedAt: row.created_at,
    updatedAt: row.user_updated_at > row.updated_at ? row.user_updated_at : row.updated_at,
    expiresAt: row.access_expires_at,
  };
}

export async function getAccountUser(db: Kysely<Database>, accountId: string, userId: string): Promise<AccountUser> {
  const row = await membersQuery(db, accountId).where('memberships.user_id', '=', userId).executeTakeFirst();
  if (!row) throw notFound('That user on this account');
  return toAccountUser(row);
}

/**
 * Users with access and their grants: the owner first, then in the order they joined. Needs
 * users.manage. The cursor walks the non-owners; the owner opens the first page.
 */
export async function listAccountUsers(db: Kysely<Database>, actor: UserRow, accountId: string, query: ListQuery) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  let q = membersQuery(db, accountId);
  const since = sinceIso(query.updatedSince);
  if (since !== undefined) q = q.where((eb) => eb.or([eb('memberships.updated_at', '>=', since), eb('users.updated_at', '>=', since)]));
  const owner = query.cursor === undefined ? await q.where('memberships.role', '=', 'owner').executeTakeFirst() : undefined;
  let others = q.where('memberships.role', '!=', 'owner');
  if (query.cursor) {
    const [at, id] = decodePair(query.cursor);
    others = others.where((eb) =>
      eb.or([eb('memberships.created_at', '>', at), eb.and([eb('memberships.created_at', '=', at), eb('memberships.id', '>', id)])]),
    );
  }
  const room = query.limit - (owner ? 1 : 0);
  const rows = await others
    .orderBy('memberships.created_at')
    .orderBy('memberships.id')
    .limit(room + 1)
    .execute();
  const page = pageOf(rows, room, (r) => [r.created_at, r.id], toAccountUser);
  if (!owner) return page;
  // A page with the owner alone continues with every other user.
  const nextCursor = room === 0 && rows.length > 0 ? encodeKeyset(['', '']) : page.nextCursor;
  return { items: [toAccountUser(owner), ...page.items], nextCursor };
}

/** The grant the actor wants to act on: not the owner's, and (for an admin) none holding more than they do. */
async function requireChangeableGrant(db: Kysely<Database>, actor: Grant, accountId: string, userId: string, verb: string): Promise<Grant> {
  const membership = await findMembership(db, userId, accountId);
  if (!membership) throw notFound('That user on this account');
  const target = toGrant(membership);
  if (target.role === 'owner') {
    throw new ClientAreaError('conflict', 409, `The owner's access cannot be ${verb}. Transfer the ownership to someone else first.`);
  }
  assertCanGrant(actor, target.permissions, `${verb === 'changed' ? 'change' : 'remove'} a user who holds`);
  return target;
}

/**
 * Changes a user's role, permissions, scope or when the access ends; the next request of that user
 * already sees it. An owner is never demoted this way (ownership transfer), an admin grants only
 * what they hold. Moving the end is recorded as `access.extended` (§5 expiring access).
 */
export async function updateAccountUser(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  userId: string,
  changes: UpdateAccountUser,
): Promise<AccountUser> {
  const now = ctx.clock();
  const actorGrant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(actorGrant, 'users.manage');
  const target = await requireChangeableGrant(ctx.db, actorGrant, accountId, userId, 'changed');
  const role = changes.role ?? (target.role === 'admin' ? 'admin' : 'member');
  const scope = changes.scope !== undefined ? changes.scope : role === 'member' ? target.scope : null;
  const next = normalizeOffer(role, changes.permissions ?? parsePermissions(target.membership.permissions), scope ?? undefined);
  assertCanGrant(actorGrant, next.permissions);
  assertFutureExpiry(now, changes.expiresAt);
  const grantChanged = changes.role !== undefined || changes.permissions !== undefined || changes.scope !== undefined;
  await ctx.db.transaction().execute(async (trx) => {
    if (changes.expiresAt !== undefined) {
      const before = await trx.selectFrom('access_expiries').select('expires_at').where('membership_id', '=', target.membership.id).executeTakeFirst();
      const after = storedInstant(changes.expiresAt);
      await setMembershipExpiry(trx, now, target.membership, after);
      await recordAudit(trx, now, {
        accountId,
        actorId: actor.id,
        action: 'access.extended',
        subject: await emailOf(trx, userId),
        detail: { userId, before: before?.expires_at ?? null, after },
      });
    }
    if (!grantChanged) return;
    await trx
      .updateTable('memberships')
      .set({
        role: next.role,
        permissions: JSON.stringify(next.permissions),
        scope: next.scope ? JSON.stringify(next.scope) : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', target.membership.id)
      .execute();
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'membership.updated',
      subject: await emailOf(trx, userId),
      detail: {
        userId,
        before: { role: target.role, permissions: target.permissions, scope: target.scope },
        after: { role: next.role, permissions: next.permissions, scope: next.scope },
      },
    });
  });
  return getAccountUser(ctx.db, accountId, userId);
}

async function emailOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst())?.email ?? null;
}

/**
 * Removes a user's access (or the caller's own: leaving). At once: the membership goes, their
 * panel sessions opened on this account and their unused SSO links for it die, services assigned
 * to them are unassigned and an ownership transfer offered to them is cancelled.
 */
export async function revokeAccountUser(ctx: ClientAreaContext, actor: UserRow, accountId: string, userId: string): Promise<'revoked' | 'left'> {
  const now = ctx.clock();
  const actorGrant = await requireGrant(ctx.db, actor.id, accountId);
  const leaving = userId === actor.id;
  if (leaving) {
    if (actorGrant.role === 'owner') {
      throw new ClientAreaError('conflict', 409, 'The owner cannot leave the account. Transfer the ownership to another user first.');
    }
  } else {
    assertPermission(actorGrant, 'users.manage');
    await requireChangeableGrant(ctx.db, actorGrant, accountId, userId, 'removed');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const subject = await emailOf(trx, userId);
    const removed = await trx
      .deleteFrom('memberships')
      .where('account_id', '=', accountId)
      .where('user_id', '=', userId)
      .where('role', '!=', 'owner')
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw notFound('That user on this account');
    await endAccessTraces(trx, now, accountId, userId);
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: leaving ? 'membership.left' : 'membership.revoked', subject, detail: { userId } });
  });
  return leaving ? 'left' : 'revoked';
}

/** What a grant leaves behind that must not outlive it. */
export async function endAccessTraces(trx: Transaction<Database>, now: Date, accountId: string, userId: string): Promise<void> {
  const at = now.toISOString();
  await trx.deleteFrom('panel_sessions').where('user_id', '=', userId).where('account_id', '=', accountId).execute();
  await trx
    .updateTable('sso_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .execute();
  await trx.updateTable('services').set({ assignee_id: null }).where('account_id', '=', accountId).where('assignee_id', '=', userId).execute();
  await trx
    .updateTable('ownership_transfers')
    .set({ status: 'cancelled', updated_at: at })
    .where('account_id', '=', accountId)
    .where('to_user_id', '=', userId)
    .where('status', '=', 'pending')
    .execute();
}
