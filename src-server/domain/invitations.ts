import type { Kysely, Transaction } from 'kysely';
import type { Permission } from '../../src-shared/api/permissions.js';
import type { Account, IncomingInvitation, InvitationAnswerResponse, Scope } from '../../src-shared/api/schemas.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, InvitationRow, UserRow } from '../db/tables.js';
import { getAccount } from './accounts.js';
import { recordAudit } from './audit.js';
import { addDays } from './clock.js';
import { ClientAreaError, notFound } from './errors.js';
import { findMembership, insertMembership, parsePermissions, parseScope, serializeScope } from './memberships.js';
import { hashToken, newId, newToken } from './tokens.js';

/** Status as the invitee sees it: a pending invitation past its window has expired. */
export function effectiveStatus(row: Pick<InvitationRow, 'status' | 'expires_at'>, now: Date): IncomingInvitation['status'] {
  if (row.status === 'pending' && row.expires_at <= now.toISOString()) return 'expired';
  return row.status;
}

export interface NewInvitation {
  accountId: string;
  invitedBy: string;
  /** To an email, or to a customer number (DESIGN §3). */
  email?: string | undefined;
  customerNumber?: string | undefined;
  role?: 'admin' | 'member';
  permissions: readonly Permission[];
  scope?: Scope | undefined;
}

/**
 * Records an invitation and returns it with the one-time token for the mailed link (stored only
 * as its hash). The caller's right to invite is checked by the HTTP layer.
 */
export async function createInvitation(db: Kysely<Database>, now: Date, input: NewInvitation): Promise<{ invitation: InvitationRow; token: string }> {
  if (!input.email === !input.customerNumber) throw new Error('An invitation goes to either an email or a customer number');
  const token = newToken('cdi');
  const invitation: InvitationRow = {
    id: newId('inv'),
    account_id: input.accountId,
    invited_by: input.invitedBy,
    email: input.email ? input.email.trim().toLowerCase() : null,
    customer_number: input.customerNumber ?? null,
    role: input.role ?? 'member',
    permissions: JSON.stringify([...new Set(input.permissions)]),
    scope: serializeScope(input.scope),
    status: 'pending',
    token_hash: hashToken(token),
    created_at: now.toISOString(),
    expires_at: addDays(now, SETTINGS.invitationDays).toISOString(),
    answered_at: null,
    answered_by: null,
    updated_at: now.toISOString(),
  };
  await db.insertInto('invitations').values(invitation).execute();
  await recordAudit(db, now, { accountId: input.accountId, actorId: input.invitedBy, action: 'invitation.created', subject: invitation.email ?? invitation.customer_number, detail: { invitationId: invitation.id, role: invitation.role } });
  return { invitation, token };
}

function addressedTo(db: Kysely<Database>, user: UserRow) {
  return db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .selectAll('invitations')
    .select(['accounts.name as account_name', 'inviter.name as inviter_name', 'inviter.email as inviter_email'])
    .where((eb) => eb.or([eb('invitations.email', '=', user.email), eb('invitations.customer_number', '=', user.customer_number)]));
}

type IncomingRow = InvitationRow & { account_name: string; inviter_name: string; inviter_email: string };

function toIncoming(row: IncomingRow, now: Date): IncomingInvitation {
  return {
    id: row.id,
    account: { id: row.account_id, name: row.account_name },
    invitedBy: { name: row.inviter_name, email: row.inviter_email },
    role: row.role,
    permissions: parsePermissions(row.permissions),
    scope: row.role === 'member' ? parseScope(row.scope) : null,
    status: effectiveStatus(row, now),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Invitations addressed to the user (by email or customer number): pending first, then newest
 * first. With `updatedSince`, only those that changed since then, including those that expired.
 */
export async function listIncoming(db: Kysely<Database>, now: Date, user: UserRow, updatedSince?: string): Promise<IncomingInvitation[]> {
  let q = addressedTo(db, user);
  if (updatedSince !== undefined) {
    const since = new Date(updatedSince).toISOString();
    q = q.where((eb) =>
      eb.or([
        eb('invitations.updated_at', '>=', since),
        eb.and([eb('invitations.expires_at', '>=', since), eb('invitations.expires_at', '<=', now.toISOString())]),
      ]),
    );
  }
  const rows = await q.orderBy('invitations.created_at', 'desc').orderBy('invitations.id').execute();
  const items = rows.map((r) => toIncoming(r, now));
  const rank = (i: IncomingInvitation) => (i.status === 'pending' ? 0 : 1);
  return items.sort((a, b) => rank(a) - rank(b));
}

export type Answer = 'accept' | 'decline';

/**
 * Answers an invitation addressed to the user. Idempotent: answering the same way again returns
 * the same outcome. The whole answer runs in one transaction and the status change is conditional
 * on the row still being pending, so concurrent accepts create exactly one membership.
 */
export async function answerInvitation(
  db: Kysely<Database>,
  now: Date,
  user: UserRow,
  invitationId: string,
  answer: Answer,
): Promise<InvitationAnswerResponse> {
  const accountId = await db.transaction().execute(async (trx) => {
    const row = await addressedTo(trx, user).where('invitations.id', '=', invitationId).executeTakeFirst();
    if (!row) throw notFound('The invitation');
    const wanted = answer === 'accept' ? 'accepted' : 'declined';
    if (row.status === wanted) return row.account_id;
    if (row.status !== 'pending') {
      throw new ClientAreaError('invitation_not_pending', 409, `This invitation was already ${row.status}; it cannot be ${wanted} now.`);
    }
    if (effectiveStatus(row, now) === 'expired') {
      throw new ClientAreaError('invitation_expired', 409, 'This invitation has expired. Ask the account owner to send it again.');
    }
    const updated = await trx
      .updateTable('invitations')
      .set({ status: wanted, answered_at: now.toISOString(), answered_by: user.id, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new ClientAreaError('conflict', 409, 'This invitation was answered at the same moment elsewhere. Load it again.');
    }
    if (answer === 'accept') await grantFromInvitation(trx, now, user, row);
    await recordAudit(trx, now, { accountId: row.account_id, actorId: user.id, action: `invitation.${wanted}`, subject: user.email, detail: { invitationId: row.id } });
    return row.account_id;
  });
  const refreshed = await addressedTo(db, user).where('invitations.id', '=', invitationId).executeTakeFirstOrThrow();
  const invitation = toIncoming(refreshed, now);
  let account: Account | null = null;
  if (refreshed.status === 'accepted') {
    // The grant may since have been revoked; the answer then carries no account.
    account = await getAccount(db, now, user.id, accountId).catch(() => null);
  }
  return { invitation, account };
}

/** One membership per user and account: an existing grant takes the invitation's, an owner stays owner. */
async function grantFromInvitation(trx: Transaction<Database>, now: Date, user: UserRow, inv: InvitationRow): Promise<void> {
  const existing = await findMembership(trx, user.id, inv.account_id);
  const permissions = parsePermissions(inv.permissions);
  if (!existing) {
    await insertMembership(trx, now, { accountId: inv.account_id, userId: user.id, role: inv.role, permissions, scope: parseScope(inv.scope) });
  } else if (existing.role !== 'owner') {
    await trx
      .updateTable('memberships')
      .set({ role: inv.role, permissions: JSON.stringify(permissions), scope: inv.role === 'member' ? inv.scope : null, updated_at: now.toISOString() })
      .where('id', '=', existing.id)
      .execute();
  }
}
