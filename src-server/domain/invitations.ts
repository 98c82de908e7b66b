import type { Kysely, Transaction } from 'kysely';
import type { Permission, Scope } from '../../src-shared/api/permissions.js';
import type { Account } from '../../src-shared/api/accounts.js';
import type { IncomingInvitation, InvitationAnswerResponse } from '../../src-shared/api/invitations.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, InvitationRow, UserRow } from '../db/tables.js';
import { lockAccount } from './account-lock.js';
import { getAccount } from './accounts.js';
import { recordAudit } from './audit.js';
import { setMembershipExpiry } from './access-expiry.js';
import { addDays } from './clock.js';
import { ClientAreaError, notFound } from './errors.js';
import { assertEmailDomainAllowed } from './invitation-domains.js';
import { findMembership, grantOf, insertMembership, parsePermissions, parseScope, serializeScope } from './memberships.js';
import { hashToken, newId, newToken } from './tokens.js';
import type { InvitationAnswer, GrantRole } from '../../src-shared/api/primitives.js';
import type { InvitationKind } from '../../src-shared/api/team.js';

/** Status as the invitee sees it: a pending invitation past its window has expired. */
export function effectiveStatus(row: Pick<InvitationRow, 'status' | 'expires_at'>, now: Date): IncomingInvitation['status'] {
  if (row.status === 'pending' && row.expires_at <= now.toISOString()) return 'expired';
  return row.status;
}

export interface NewInvitation {
  accountId: string;
  invitedBy: string;
  /** To an email, or to a customer number (docs/ARCHITECTURE.md §10). */
  email?: string | undefined;
  customerNumber?: string | undefined;
  role?: GrantRole;
  permissions: readonly Permission[];
  scope?: Scope | undefined;
  kind?: InvitationKind;
  /** The exact consent text the inviter confirmed (invitations by customer number, domain handovers). */
  consentText?: string | undefined;
  contactId?: string | undefined;
  /** When the access it offers ends once accepted (stored UTC text); absent: it does not end. */
  accessExpiresAt?: string | null | undefined;
}

/**
 * Records an invitation and returns it with the one-time token for the mailed link (stored only
 * as its hash). This is the storage step alone: who may invite, conflicts and the mail are the
 * business of `inviteToAccount` (outgoing-invitations.ts).
 */
export async function createInvitation(db: Kysely<Database>, now: Date, input: NewInvitation): Promise<{ invitation: InvitationRow; token: string }> {
  if (!input.email === !input.customerNumber) throw new Error('An invitation goes to either an email or a customer number');
  const token = newToken('cdi');
  const at = now.toISOString();
  const role = input.role ?? 'member';
  const invitation: InvitationRow = {
    id: newId('inv'),
    account_id: input.accountId,
    invited_by: input.invitedBy,
    email: input.email ? input.email.trim().toLowerCase() : null,
    customer_number: input.customerNumber ?? null,
    role,
    permissions: JSON.stringify(grantOf({ role, permissions: JSON.stringify([...new Set(input.permissions)]), scope: null }).permissions),
    scope: role === 'member' ? serializeScope(input.scope) : null,
    status: 'pending',
    token_hash: hashToken(token),
    created_at: at,
    expires_at: addDays(now, SETTINGS.invitationDays).toISOString(),
    answered_at: null,
    answered_by: null,
    updated_at: at,
    kind: input.kind ?? 'access',
    sent_at: at,
    consent_text: input.consentText ?? null,
    consent_at: input.consentText ? at : null,
    consent_by: input.consentText ? input.invitedBy : null,
    contact_id: input.contactId ?? null,
    access_expires_at: input.accessExpiresAt ?? null,
  };
  await db.insertInto('invitations').values(invitation).execute();
  await recordAudit(db, now, {
    accountId: input.accountId,
    actorId: input.invitedBy,
    action: 'invitation.created',
    subject: invitation.email ?? invitation.customer_number,
    detail: {
      invitationId: invitation.id,
      role: invitation.role,
      kind: invitation.kind,
      permissions: parsePermissions(invitation.permissions),
      ...(invitation.access_expires_at ? { accessExpiresAt: invitation.access_expires_at } : {}),
      ...(invitation.consent_text ? { consent: invitation.consent_text } : {}),
    },
  });
  return { invitation, token };
}

/**
 * Invitations addressed to a user: to their customer number, and to their email once the email is
 * proved (a login made by sign-up without an invitation link could otherwise claim someone else's).
 */
function addressedTo(db: Kysely<Database>, user: UserRow) {
  return db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .selectAll('invitations')
    .select(['accounts.name as account_name', 'inviter.name as inviter_name', 'inviter.email as inviter_email'])
    .where((eb) =>
      user.email_verified_at === null
        ? eb('invitations.customer_number', '=', user.customer_number)
        : eb.or([eb('invitations.email', '=', user.email), eb('invitations.customer_number', '=', user.customer_number)]),
    );
}

type IncomingRow = InvitationRow & { account_name: string; inviter_name: string; inviter_email: string };

export function toIncoming(row: IncomingRow, now: Date): IncomingInvitation {
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
    accessExpiresAt: row.access_expires_at,
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
  answer: InvitationAnswer,
): Promise<InvitationAnswerResponse> {
  await db.transaction().execute(async (trx) => {
    const row = await addressedTo(trx, user).where('invitations.id', '=', invitationId).executeTakeFirst();
    if (!row) {
      const byEmail =
        user.email_verified_at === null &&
        (await trx.selectFrom('invitations').select('id').where('id', '=', invitationId).where('email', '=', user.email).executeTakeFirst());
      if (byEmail) {
        throw new ClientAreaError(
          'email_not_verified',
          403,
          'Confirm your email address first (use the link in the confirmation mail), then answer this invitation.',
        );
      }
      throw notFound('The invitation');
    }
    const wanted = answer === 'accept' ? 'accepted' : 'declined';
    if (row.status === wanted && row.answered_by === user.id) return;
    await settleInvitation(trx, now, user, row, answer);
  });
  return answerOutcome(db, now, user, invitationId);
}

/** The invitation as its invitee now sees it, with the account when the answer gave access. */
export async function answerOutcome(db: Kysely<Database>, now: Date, user: UserRow, invitationId: string): Promise<InvitationAnswerResponse> {
  const refreshed = await db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .selectAll('invitations')
    .select(['accounts.name as account_name', 'inviter.name as inviter_name', 'inviter.email as inviter_email'])
    .where('invitations.id', '=', invitationId)
    .executeTakeFirstOrThrow();
  const invitation = toIncoming(refreshed, now);
  let account: Account | null = null;
  if (refreshed.status === 'accepted') {
    // The grant may since have been revoked; the answer then carries no account.
    account = await getAccount(db, now, user.id, refreshed.account_id).catch(() => null);
  }
  return { invitation, account };
}

/**
 * Moves a pending invitation to accepted or declined inside the caller's transaction: refuses
 * answered, cancelled and expired ones, re-checks the inviter's authority on acceptance, and
 * claims the row with a conditional update so a racing answer cannot act twice.
 */
export async function settleInvitation(trx: Transaction<Database>, now: Date, user: UserRow, row: InvitationRow, answer: InvitationAnswer): Promise<void> {
  const wanted = answer === 'accept' ? 'accepted' : 'declined';
  if (row.status !== 'pending') {
    throw new ClientAreaError('invitation_not_pending', 409, `This invitation was already ${row.status}; it cannot be ${wanted} now.`);
  }
  if (effectiveStatus(row, now) === 'expired') {
    throw new ClientAreaError('invitation_expired', 409, 'This invitation has expired. Ask the account owner to send it again.');
  }
  if (answer === 'accept') {
    if (row.access_expires_at !== null && row.access_expires_at <= now.toISOString()) {
      throw new ClientAreaError(
        'invitation_expired',
        409,
        `The access this invitation offered ended on ${row.access_expires_at.slice(0, 10)}. Ask the account owner for a new invitation.`,
      );
    }
    // Two invitations of one login to one account accepted at once must not both insert a membership.
    await lockAccount(trx, row.account_id);
    await assertInviterAuthority(trx, row);
    await assertEmailDomainAllowed(trx, row.account_id, user.email, 'accept');
  }
  const updated = await trx
    .updateTable('invitations')
    .set({ status: wanted, answered_at: now.toISOString(), answered_by: user.id, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('token_hash', '=', row.token_hash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    // Lost a race: when the winner was this very user answering the same way, that is the outcome.
    const current = await trx.selectFrom('invitations').select(['status', 'answered_by']).where('id', '=', row.id).executeTakeFirst();
    if (current?.status === wanted && current.answered_by === user.id) return;
    throw new ClientAreaError('conflict', 409, 'This invitation was answered or resent at the same moment elsewhere. Load it again.');
  }
  if (answer === 'accept') await grantFromInvitation(trx, now, user, row);
  await recordAudit(trx, now, {
    accountId: row.account_id,
    actorId: user.id,
    action: `invitation.${wanted}`,
    subject: user.email,
    detail: { invitationId: row.id, kind: row.kind },
  });
}

/**
 * The inviter must still be able to give what the invitation offers when it is accepted: the
 * owner, or an admin who still holds users.manage and every offered permission.
 */
async function assertInviterAuthority(trx: Transaction<Database>, row: InvitationRow): Promise<void> {
  const membership = await findMembership(trx, row.invited_by, row.account_id);
  const inviter = membership ? grantOf(membership) : null;
  const offered = parsePermissions(row.permissions);
  const ok =
    inviter !== null &&
    (inviter.role === 'owner' ||
      (inviter.role === 'admin' && inviter.permissions.includes('users.manage') && offered.every((p) => inviter.permissions.includes(p))));
  if (!ok) {
    throw new ClientAreaError(
      'inviter_not_authorized',
      409,
      'The person who sent this invitation can no longer give this access. Ask the account owner to send the invitation again.',
    );
  }
}

/**
 * One membership per user and account: an existing grant takes the invitation's, an owner stays
 * owner. The invitation's end (or none) becomes the grant's: what was accepted is what holds.
 */
async function grantFromInvitation(trx: Transaction<Database>, now: Date, user: UserRow, inv: InvitationRow): Promise<void> {
  const existing = await findMembership(trx, user.id, inv.account_id);
  const permissions = parsePermissions(inv.permissions);
  if (!existing) {
    await insertMembership(trx, now, {
      accountId: inv.account_id,
      userId: user.id,
      role: inv.role,
      permissions,
      scope: parseScope(inv.scope),
      origin: 'invitation',
    });
  } else if (existing.role !== 'owner') {
    await trx
      .updateTable('memberships')
      .set({ role: inv.role, permissions: JSON.stringify(permissions), scope: inv.role === 'member' ? inv.scope : null, updated_at: now.toISOString() })
      .where('id', '=', existing.id)
      .execute();
  } else {
    return;
  }
  const membership = await findMembership(trx, user.id, inv.account_id);
  if (membership) await setMembershipExpiry(trx, now, membership, inv.access_expires_at);
}
