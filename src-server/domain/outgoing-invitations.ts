import type { Kysely, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { Permission, Scope } from '../../src-shared/api/permissions.js';
import { consentText, type CreateInvitation, type OutgoingInvitation, type InvitationKind } from '../../src-shared/api/team.js';
import { SETTINGS } from '../config/settings.js';
import type { Database, InvitationRow, InvitationsTable, UserRow } from '../db/tables.js';
import { assertCanGrant, assertPermission, type Grant, requireGrant } from './access.js';
import { assertFutureExpiry, storedInstant } from './access-expiry.js';
import { lockAccount } from './account-lock.js';
import { requireAccountExists } from './accounts.js';
import { recordAudit } from './audit.js';
import { addDays } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { LIMITS } from './limits.js';
import { ClientAreaError, notFound } from './errors.js';
import { assertEmailDomainAllowed } from './invitation-domains.js';
import { createInvitation, effectiveStatus } from './invitations.js';
import { findMembership, grantOf, parsePermissions, parseScope } from './memberships.js';
import { type ListQuery, newestFirstPage, sinceIso } from './paging.js';
import { hashToken, newToken } from './tokens.js';
import { findUserByCustomerNumber, findUserByEmail, mailAddressOf } from './users.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';

export type InvitationInput = z.output<typeof CreateInvitation>;

export interface InviteOptions {
  kind?: InvitationKind;
  contactId?: string;
  /** Text of the consent the inviter confirmed; by default the customer-number consent. */
  consentText?: string;
  /** The domain a delegation hands over (for the mail). */
  domainName?: string;
}

/** The mailed link: the panel's accept page (sign in or sign up there, then accept). */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}/panel/invitations/accept?token=${encodeURIComponent(token)}`;
}

/**
 * Invites someone to an account (docs/ARCHITECTURE.md §9–10), by email or by customer number with consent. Only
 * the owner or an admin with users.manage may; an admin offers only what they hold. Someone who
 * already has access, or already has a pending invitation, gets a `conflict`, not a second one.
 */
export async function inviteToAccount(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  input: InvitationInput,
  baseUrl: string,
  options: InviteOptions = {},
): Promise<OutgoingInvitation> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  const offer = normalizeOffer(input.role, input.permissions, input.scope);
  assertCanGrant(grant, offer.permissions);
  assertFutureExpiry(now, input.expiresAt);
  const account = await requireAccountExists(ctx.db, accountId);
  if ('customerNumber' in input) await ctx.limits.consume(LIMITS.customerNumberInvitationsPerUser, actor.id);
  await ctx.limits.consume(LIMITS.invitationMailsPerAccount, accountId);

  const id = await ctx.db.transaction().execute(async (trx) => {
    // Invitations to one account queue here, so the duplicate check below sees every invitation committed before this one.
    await lockAccount(trx, accountId);
    let invitee: UserRow | undefined;
    let to: { email?: string; customerNumber?: string };
    if ('email' in input) {
      invitee = await findUserByEmail(trx, input.email);
      to = { email: input.email };
    } else {
      // An unknown number is answered like a real one (the invitation is stored, only no mail
      // leaves), so the answer does not tell which customer numbers exist.
      invitee = await findUserByCustomerNumber(trx, input.customerNumber);
      to = { customerNumber: input.customerNumber };
    }
    // By customer number the rule reads the login's own email: the number stands for that login.
    await assertEmailDomainAllowed(trx, accountId, to.email ?? invitee?.email ?? '', 'invite');
    await assertNotAlreadyIn(trx, now, accountId, {
      email: to.email ?? invitee?.email,
      customerNumber: to.customerNumber ?? invitee?.customer_number,
      user: invitee,
    });
    const consent =
      'customerNumber' in input
        ? (options.consentText ?? consentText('customerNumber', { customerNumber: input.customerNumber, account: account.name }))
        : options.consentText;
    const { invitation, token } = await createInvitation(trx, now, {
      accountId,
      invitedBy: actor.id,
      ...to,
      role: offer.role,
      permissions: offer.permissions,
      scope: offer.scope,
      kind: options.kind ?? 'access',
      consentText: consent,
      contactId: options.contactId,
      accessExpiresAt: storedInstant(input.expiresAt),
    });
    await mailInvitation(ctx, trx, now, invitation, token, { actor, accountName: account.name, invitee, baseUrl, domainName: options.domainName });
    return invitation.id;
  });
  return getOutgoing(ctx.db, now, accountId, id);
}

/** An offer as stored: admins reach the whole account, members never manage users. */
export function normalizeOffer(role: GrantRole | undefined, permissions: readonly Permission[], scope: Scope | undefined) {
  const r = role ?? 'member';
  if (r === 'admin' && scope) {
    throw new ClientAreaError('validation_failed', 400, 'An admin reaches the whole account; a scope applies to members only.');
  }
  const effective = grantOf({ role: r, permissions: JSON.stringify([...new Set(permissions)]), scope: null }).permissions;
  if (effective.length === 0) {
    throw new ClientAreaError('validation_failed', 400, 'Choose at least one permission a member can hold (users.manage is for admins).');
  }
  return { role: r, permissions: effective, scope: r === 'member' ? (scope ?? null) : null };
}

async function assertNotAlreadyIn(
  trx: Transaction<Database>,
  now: Date,
  accountId: string,
  who: { email?: string | undefined; customerNumber?: string | undefined; user?: UserRow | undefined },
): Promise<void> {
  const label = who.email ?? `customer number ${who.customerNumber}`;
  if (who.user) {
    const membership = await findMembership(trx, who.user.id, accountId);
    if (membership) {
      throw new ClientAreaError(
        'conflict',
        409,
        `${label} already has access to this account (as ${membership.role}). Change their permissions instead of inviting them again.`,
      );
    }
  }
  const pending = await trx
    .selectFrom('invitations')
    .select(['id', 'sent_at', 'created_at', 'expires_at'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now.toISOString())
    .where((eb) => {
      const ors = [];
      if (who.email) ors.push(eb('email', '=', who.email.toLowerCase()));
      if (who.customerNumber) ors.push(eb('customer_number', '=', who.customerNumber));
      return eb.or(ors);
    })
    .executeTakeFirst();
  if (pending) {
    throw new ClientAreaError(
      'conflict',
      409,
      `${label} already has a pending invitation to this account (it expires ${pending.expires_at.slice(0, 10)}). Resend that one instead of inviting again.`,
    );
  }
}

interface MailContext {
  actor: UserRow;
  accountName: string;
  invitee: UserRow | undefined;
  baseUrl: string;
  domainName?: string | undefined;
}

async function mailInvitation(ctx: ClientAreaContext, trx: Kysely<Database>, now: Date, inv: InvitationRow, token: string, m: MailContext): Promise<void> {
  // Unknown invitees get the inviter's language: the best guess for people who work together.
  const language = m.invitee?.language ?? m.actor.language;
  const to = inv.email ?? (m.invitee ? mailAddressOf(m.invitee) : null);
  if (!to) return;
  const link = invitationLink(m.baseUrl, token);
  if (inv.kind === 'domain_delegation') {
    await ctx.mailer.enqueue(trx, now, {
      to,
      kind: 'access',
      template: 'domain_delegation',
      language,
      accountId: inv.account_id,
      vars: { accountName: m.accountName, inviterName: m.actor.name, link, expiresAt: inv.expires_at, domain: m.domainName ?? '' },
    });
    return;
  }
  await ctx.mailer.enqueue(trx, now, {
    to,
    kind: 'access',
    template: 'invitation',
    language,
    accountId: inv.account_id,
    vars: { accountName: m.accountName, inviterName: m.actor.name, link, expiresAt: inv.expires_at, permissions: parsePermissions(inv.permissions).join(', ') },
  });
}

function outgoingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('invitations')
    .innerJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .leftJoin('users as consenter', 'consenter.id', 'invitations.consent_by')
    .selectAll('invitations')
    .select(['inviter.name as inviter_name', 'inviter.email as inviter_email', 'consenter.name as consenter_name', 'consenter.email as consenter_email']);
}

type OutgoingRow = InvitationRow & { inviter_name: string; inviter_email: string; consenter_name: string | null; consenter_email: string | null };

function toOutgoing(row: OutgoingRow, now: Date): OutgoingInvitation {
  return {
    id: row.id,
    accountId: row.account_id,
    email: row.email,
    customerNumber: row.customer_number,
    role: row.role,
    permissions: parsePermissions(row.permissions),
    scope: row.role === 'member' ? parseScope(row.scope) : null,
    status: effectiveStatus(row, now),
    invitedBy: { name: row.inviter_name, email: row.inviter_email },
    createdAt: row.created_at,
    sentAt: row.sent_at ?? row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    accessExpiresAt: row.access_expires_at,
    kind: row.kind === 'domain_delegation' || row.kind === 'contact_promotion' ? row.kind : 'access',
    consent:
      row.consent_text && row.consent_at
        ? { by: { name: row.consenter_name ?? '', email: row.consenter_email ?? '' }, at: row.consent_at, text: row.consent_text }
        : null,
  };
}

export async function getOutgoing(db: Kysely<Database>, now: Date, accountId: string, invitationId: string): Promise<OutgoingInvitation> {
  const row = await outgoingQuery(db).where('invitations.id', '=', invitationId).where('invitations.account_id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('The invitation');
  return toOutgoing(row, now);
}

/** Outgoing invitations of an account, any status, newest first; `updatedSince` includes those that expired since. */
export async function listOutgoing(db: Kysely<Database>, now: Date, actor: UserRow, accountId: string, query: ListQuery) {
  const grant = await requireGrant(db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  let q = outgoingQuery(db).where('invitations.account_id', '=', accountId);
  const since = sinceIso(query.updatedSince);
  if (since !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('invitations.updated_at', '>=', since),
        eb.and([eb('invitations.expires_at', '>=', since), eb('invitations.expires_at', '<=', now.toISOString())]),
      ]),
    );
  }
  return newestFirstPage(q, { createdAt: 'invitations.created_at', id: 'invitations.id' }, query, (r) => toOutgoing(r, now));
}

export async function requireManagedInvitation(
  db: Kysely<Database>,
  actor: UserRow,
  accountId: string,
  invitationId: string,
): Promise<{ grant: Grant; row: InvitationRow }> {
  const grant = await requireGrant(db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  const row = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('The invitation');
  return { grant, row };
}

/**
 * Resends a pending (or expired) invitation: a new token and a new 7-day window; the old link
 * dies at once. The resender vouches for it from now on, so acceptance checks their authority.
 */
export async function resendInvitation(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  invitationId: string,
  baseUrl: string,
): Promise<OutgoingInvitation> {
  const now = ctx.clock();
  const { grant, row } = await requireManagedInvitation(ctx.db, actor, accountId, invitationId);
  if (row.status !== 'pending') {
    throw new ClientAreaError(
      'invitation_not_pending',
      409,
      `This invitation was ${row.status}; only a pending or expired invitation can be sent again. Invite again instead.`,
    );
  }
  assertCanGrant(grant, parsePermissions(row.permissions), 'offer');
  const account = await requireAccountExists(ctx.db, accountId);
  await ctx.limits.consume(LIMITS.resendsPerInvitation, invitationId);
  await ctx.limits.consume(LIMITS.invitationMailsPerAccount, accountId);
  await ctx.db.transaction().execute(async (trx) => {
    const invitee = row.email ? await findUserByEmail(trx, row.email) : await findUserByCustomerNumber(trx, row.customer_number ?? '');
    if (invitee && (await findMembership(trx, invitee.id, accountId))) {
      throw new ClientAreaError(
        'conflict',
        409,
        `${row.email ?? `Customer number ${row.customer_number}`} already has access to this account; there is nothing to resend.`,
      );
    }
    const token = newToken('cdi');
    const at = now.toISOString();
    const expiresAt = addDays(now, SETTINGS.invitationDays).toISOString();
    await updatePendingInvitation(
      trx,
      row.id,
      { token_hash: hashToken(token), sent_at: at, expires_at: expiresAt, invited_by: actor.id, updated_at: at },
      ANSWERED_OR_CANCELLED,
    );
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'invitation.resent',
      subject: row.email ?? row.customer_number,
      detail: { invitationId: row.id },
    });
    const domainName = row.kind === 'domain_delegation' ? await delegatedDomainName(trx, row) : undefined;
    await mailInvitation(ctx, trx, now, { ...row, token_hash: hashToken(token), expires_at: expiresAt, sent_at: at }, token, {
      actor,
      accountName: account.name,
      invitee,
      baseUrl,
      domainName,
    });
  });
  return getOutgoing(ctx.db, now, accountId, invitationId);
}

async function delegatedDomainName(db: Kysely<Database>, row: InvitationRow): Promise<string | undefined> {
  const id = parseScope(row.scope)?.domains?.[0];
  if (!id) return undefined;
  const domain = await db.selectFrom('domains').select('name').where('id', '=', id).executeTakeFirst();
  return domain?.name ?? id;
}

/** Cancels a pending invitation; cancelling it again answers the same. Its link dies with it. */
export async function cancelInvitation(ctx: ClientAreaContext, actor: UserRow, accountId: string, invitationId: string): Promise<OutgoingInvitation> {
  const now = ctx.clock();
  const { row } = await requireManagedInvitation(ctx.db, actor, accountId, invitationId);
  if (row.status === 'cancelled') return getOutgoing(ctx.db, now, accountId, invitationId);
  if (row.status !== 'pending') {
    throw new ClientAreaError(
      'invitation_not_pending',
      409,
      `This invitation was already ${row.status}; it cannot be cancelled. Remove the user's access instead.`,
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updatePendingInvitation(
      trx,
      row.id,
      { status: 'cancelled', updated_at: now.toISOString() },
      'This invitation was answered a moment ago. Load it again.',
    );
    await recordAudit(trx, now, {
      accountId,
      actorId: actor.id,
      action: 'invitation.cancelled',
      subject: row.email ?? row.customer_number,
      detail: { invitationId: row.id },
    });
  });
  return getOutgoing(ctx.db, now, accountId, invitationId);
}

/** What a change to an invitation says when an answer or a cancel got there first. */
export const ANSWERED_OR_CANCELLED = 'This invitation was answered or cancelled a moment ago. Load it again.';

/**
 * Changes an invitation only while it is still pending, in one statement, so an answer racing the
 * change wins cleanly: the loser is told `gone` (409 `invitation_not_pending`).
 */
export async function updatePendingInvitation(db: Kysely<Database>, invitationId: string, changes: Updateable<InvitationsTable>, gone: string): Promise<void> {
  const updated = await db.updateTable('invitations').set(changes).where('id', '=', invitationId).where('status', '=', 'pending').executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ClientAreaError('invitation_not_pending', 409, gone);
}
