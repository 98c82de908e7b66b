import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SsoLink } from '../../src-shared/api/sso.js';
import type { AccountUser, CreateManagedUsers } from '../../src-shared/api/team.js';
import type { Database, UserRow } from '../db/tables.js';
import { assertCanGrant, assertOwner, assertPermission, requireGrant, toGrant } from './access.js';
import { getAccountUser } from './account-users.js';
import { requireAccountExists } from './accounts.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { LIMITS } from './limits.js';
import { findMembership, insertMembership } from './memberships.js';
import { normalizeOffer } from './outgoing-invitations.js';
import { NO_PASSWORD } from './passwords.js';
import { mintLink } from './sso.js';
import { issueUserLink, userLinkUrl } from './user-links.js';
import { createUser, endAllSessions, findUserByEmail, findUserById, mailAddressOf } from './users.js';

/**
 * The owner (or an admin with users.manage) creates logins directly, several at once, each with
 * a grant on the account. Without an activation mail they stay `pending_activation` and cannot
 * sign in (docs/ARCHITECTURE.md §9) until one is sent and used. All or nothing: one taken email fails the batch.
 */
export async function createManagedUsers(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  request: z.output<typeof CreateManagedUsers>,
  baseUrl: string,
): Promise<AccountUser[]> {
  const now = ctx.clock();
  const grant = await requireGrant(ctx.db, actor.id, accountId);
  assertPermission(grant, 'users.manage');
  const offers = request.users.map((u) => ({ ...u, offer: normalizeOffer(u.role, u.permissions, u.scope) }));
  for (const { offer } of offers) assertCanGrant(grant, offer.permissions);
  const emails = offers.map((u) => u.email);
  const repeated = emails.filter((e, i) => emails.indexOf(e) !== i);
  if (repeated.length > 0)
    throw new ClientAreaError('validation_failed', 400, `Each login needs its own email; repeated: ${[...new Set(repeated)].join(', ')}.`);
  const taken = (await Promise.all(emails.map(async (e) => ((await findUserByEmail(ctx.db, e)) ? e : null)))).filter((e) => e !== null);
  if (taken.length > 0) {
    throw new ClientAreaError(
      'conflict',
      409,
      `A login already exists for ${taken.join(', ')}. Invite ${taken.length === 1 ? 'it' : 'them'} instead; nothing was created.`,
    );
  }
  // An address with a pending invitation belongs to someone deciding for themselves: a login the
  // creator controls must not take it (and the invitations sent to it) over.
  const invited = await emailsWithPendingInvitations(ctx.db, now, emails);
  if (invited.length > 0) {
    throw new ClientAreaError(
      'conflict',
      409,
      `${invited.join(', ')} ${invited.length === 1 ? 'has' : 'have'} a pending invitation, so only the person behind that address can create its login. Invite ${invited.length === 1 ? 'it' : 'them'} instead; nothing was created.`,
    );
  }
  const account = await requireAccountExists(ctx.db, accountId);
  if (request.sendActivation) for (const _ of offers) await ctx.limits.consume(LIMITS.userLinkMailsPerAccount, accountId);
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const u of offers) {
      const user = await createUser(trx, now, {
        email: u.email,
        name: u.name,
        passwordHash: NO_PASSWORD,
        status: 'pending_activation',
        notificationEmail: u.notificationEmail ?? null,
        language: actor.language,
        emailVerifiedAt: null,
        managedByAccount: accountId,
      });
      await insertMembership(trx, now, { accountId, userId: user.id, ...u.offer, scope: u.offer.scope ?? undefined, origin: 'managed' });
      await recordAudit(trx, now, {
        accountId,
        actorId: actor.id,
        action: 'managed_user.created',
        subject: user.email,
        detail: { userId: user.id, role: u.offer.role, permissions: u.offer.permissions },
      });
      if (request.sendActivation) await mailActivation(ctx, trx, now, actor, account.name, user, baseUrl);
      created.push(user.id);
    }
    return created;
  });
  return Promise.all(ids.map((id) => getAccountUser(ctx.db, accountId, id)));
}

async function emailsWithPendingInvitations(db: Kysely<Database>, now: Date, emails: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('email')
    .distinct()
    .where(
      'email',
      'in',
      emails.map((e) => e.trim().toLowerCase()),
    )
    .where('status', '=', 'pending')
    .where('expires_at', '>', now.toISOString())
    .execute();
  return rows.map((r) => r.email).filter((e): e is string => e !== null);
}

async function mailActivation(
  ctx: ClientAreaContext,
  db: Kysely<Database>,
  now: Date,
  actor: UserRow,
  accountName: string,
  user: UserRow,
  baseUrl: string,
): Promise<string> {
  const accountId = user.managed_by_account;
  const { token, expiresAt } = await issueUserLink(db, now, user.id, 'activation', accountId);
  await ctx.mailer.enqueue(db, now, {
    to: mailAddressOf(user),
    kind: 'access',
    template: 'activation',
    language: user.language,
    accountId,
    vars: { name: user.name, accountName, inviterName: actor.name, link: userLinkUrl(baseUrl, 'activation', token), expiresAt },
  });
  if (accountId)
    await recordAudit(db, now, { accountId, actorId: actor.id, action: 'managed_user.activation_sent', subject: user.email, detail: { userId: user.id } });
  return now.toISOString();
}

/** A login this account created and still reaches; anyone else is `not_found` here. */
async function requireManagedUser(db: Kysely<Database>, actor: UserRow, accountId: string, userId: string, ownerOnly?: string) {
  const grant = await requireGrant(db, actor.id, accountId);
  if (ownerOnly) assertOwner(grant, ownerOnly);
  else assertPermission(grant, 'users.manage');
  const user = await findUserById(db, userId);
  const membership = user ? await findMembership(db, userId, accountId) : undefined;
  if (!user || !membership || user.managed_by_account !== accountId) {
    throw new ClientAreaError('not_found', 404, 'This account manages no such user (only logins created here can be managed).');
  }
  assertCanGrant(grant, toGrant(membership).permissions, 'manage a user who holds');
  return user;
}

/** Activation and password mails count per account and per login, so neither can flood a mailbox. */
async function consumeUserLinkMail(ctx: ClientAreaContext, accountId: string, userId: string): Promise<void> {
  await ctx.limits.consume(LIMITS.userLinkMailsPerUser, userId);
  await ctx.limits.consume(LIMITS.userLinkMailsPerAccount, accountId);
}

/** (Re)sends the activation mail; only the newest link works. */
export async function sendActivation(ctx: ClientAreaContext, actor: UserRow, accountId: string, userId: string, baseUrl: string): Promise<{ sentAt: string }> {
  const now = ctx.clock();
  const user = await requireManagedUser(ctx.db, actor, accountId, userId);
  if (user.status === 'active') throw new ClientAreaError('conflict', 409, 'This login is already active. Send a password reset instead.');
  if (user.status === 'disabled') throw new ClientAreaError('conflict', 409, 'This login is disabled. Enable it before sending the activation.');
  const account = await requireAccountExists(ctx.db, accountId);
  await consumeUserLinkMail(ctx, accountId, user.id);
  const sentAt = await ctx.db.transaction().execute((trx) => mailActivation(ctx, trx, now, actor, account.name, user, baseUrl));
  return { sentAt };
}

/** Mails a password link to an active managed user; the current password works until it is used. */
export async function sendPasswordReset(
  ctx: ClientAreaContext,
  actor: UserRow,
  accountId: string,
  userId: string,
  baseUrl: string,
): Promise<{ sentAt: string }> {
  const now = ctx.clock();
  const user = await requireManagedUser(ctx.db, actor, accountId, userId);
  if (user.status !== 'active') {
    throw new ClientAreaError(
      'conflict',
      409,
      user.status === 'disabled' ? 'This login is disabled.' : 'This login is not activated yet. Send the activation instead.',
    );
  }
  await consumeUserLinkMail(ctx, accountId, user.id);
  await ctx.db.transaction().execute(async (trx) => {
    const { token, expiresAt } = await issueUserLink(trx, now, user.id, 'password_reset', accountId);
    await ctx.mailer.enqueue(trx, now, {
      to: mailAddressOf(user),
      kind: 'access',
      template: 'password_reset',
      language: user.language,
      accountId,
      vars: { name: user.name, link: userLinkUrl(baseUrl, 'password_reset', token), expiresAt },
    });
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'managed_user.password_reset', subject: user.email, detail: { userId } });
  });
  return { sentAt: now.toISOString() };
}

/** Disables the login everywhere at once: every session, panel session and unused link dies. */
export async function disableManagedUser(ctx: ClientAreaContext, actor: UserRow, accountId: string, userId: string): Promise<AccountUser> {
  const now = ctx.clock();
  const user = await requireManagedUser(ctx.db, actor, accountId, userId);
  if (user.status !== 'disabled') {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ status: 'disabled', updated_at: now.toISOString() }).where('id', '=', userId).execute();
      await endAllSessions(trx, now, userId);
      await trx.deleteFrom('user_tokens').where('user_id', '=', userId).where('used_at', 'is', null).execute();
      await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'managed_user.disabled', subject: user.email, detail: { userId } });
    });
  }
  return getAccountUser(ctx.db, accountId, userId);
}

/** Enables a disabled managed login again: active if it has a password, else back to awaiting activation. */
export async function enableManagedUser(ctx: ClientAreaContext, actor: UserRow, accountId: string, userId: string): Promise<AccountUser> {
  const now = ctx.clock();
  const user = await requireManagedUser(ctx.db, actor, accountId, userId);
  if (user.status === 'disabled') {
    await ctx.db.transaction().execute(async (trx) => {
      const status = user.password_hash === NO_PASSWORD ? 'pending_activation' : 'active';
      await trx.updateTable('users').set({ status, updated_at: now.toISOString() }).where('id', '=', userId).execute();
      await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'managed_user.enabled', subject: user.email, detail: { userId } });
    });
  }
  return getAccountUser(ctx.db, accountId, userId);
}

/**
 * The owner looks at the panel as a managed user: a one-time link into a read-only panel session
 * marked as impersonation (see `describePanelSession`), audited when made and when used.
 */
export async function viewAsManagedUser(ctx: ClientAreaContext, actor: UserRow, accountId: string, userId: string, baseUrl: string): Promise<SsoLink> {
  const now = ctx.clock();
  const user = await requireManagedUser(ctx.db, actor, accountId, userId, 'view the panel as another user');
  if (user.status !== 'active') throw new ClientAreaError('conflict', 409, 'This login is not active, so there is no panel to look at as this user.');
  return mintLink(
    ctx.db,
    now,
    { userId, accountId, impersonatorId: actor.id, audit: { actorId: actor.id, action: 'impersonation.started', subject: user.email } },
    baseUrl,
  );
}
