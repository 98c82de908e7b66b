import type { Kysely } from 'kysely';
import type { Database, UserRow, UserTokensTable } from '../db/tables.js';
import { recordAudit } from './audit.js';
import { addDays } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';
import { endAllSessions, findUserById } from './users.js';

export type LinkPurpose = UserTokensTable['purpose'];

/** How long each mailed link works. */
const LINK_DAYS: Record<LinkPurpose, number> = { activation: 7, password_reset: 1, email_verification: 7 };

const PANEL_PATHS: Record<LinkPurpose, string> = {
  activation: '/panel/activate',
  password_reset: '/panel/reset-password',
  email_verification: '/panel/verify-email',
};

/** The panel page a mailed link opens; the panel completes it with the functions below. */
export function userLinkUrl(baseUrl: string, purpose: LinkPurpose, token: string): string {
  return `${baseUrl}${PANEL_PATHS[purpose]}?token=${encodeURIComponent(token)}`;
}

/**
 * Issues a one-time link for a user (256 random bits, stored as a hash). Earlier unused links of
 * the same purpose die: only the newest mail works.
 */
export async function issueUserLink(
  db: Kysely<Database>,
  now: Date,
  userId: string,
  purpose: LinkPurpose,
  accountId: string | null,
): Promise<{ token: string; expiresAt: string }> {
  await db.deleteFrom('user_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  const token = newToken(purpose === 'activation' ? 'cdv' : purpose === 'password_reset' ? 'cdw' : 'cde');
  const expiresAt = addDays(now, LINK_DAYS[purpose]).toISOString();
  await db
    .insertInto('user_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      purpose,
      account_id: accountId,
      expires_at: expiresAt,
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

const LINK_FAILURE: Record<LinkPurpose, string> = {
  activation:
    'This activation link is not valid any more: it was used, replaced by a newer mail, or has expired. Ask the account owner to send the activation again.',
  password_reset: 'This password link is not valid any more: it was used, replaced by a newer mail, or has expired. Ask for a new one.',
  email_verification: 'This confirmation link is not valid any more: it was used, replaced by a newer mail, or has expired.',
};

/** Claims a link by a conditional update, so it works exactly once even when opened twice at the same time. */
export async function consumeUserLink(db: Kysely<Database>, now: Date, token: string, purpose: LinkPurpose) {
  const claimed = await db
    .updateTable('user_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .returning(['user_id', 'account_id'])
    .executeTakeFirst();
  if (!claimed) throw new ClientAreaError('link_invalid', 410, LINK_FAILURE[purpose]);
  return claimed;
}

/** Whether a link would work now, without using it: the panel shows the form only then. */
export async function describeUserLink(db: Kysely<Database>, now: Date, token: string, purpose: LinkPurpose): Promise<{ valid: boolean; user?: UserRow }> {
  const row = await db.selectFrom('user_tokens').selectAll().where('token_hash', '=', hashToken(token)).where('purpose', '=', purpose).executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString()) return { valid: false };
  const user = await findUserById(db, row.user_id);
  return user ? { valid: true, user } : { valid: false };
}

/**
 * Completes a managed user's activation (the panel's `/panel/activate` page and
 * `POST /api/v1/activation`): sets the password under the provider's policy, and the login
 * becomes active. The link proves the login email only when it was mailed there: delivered to a
 * notification address it proves nothing about the login email's mailbox, so the login stays
 * unconfirmed and cannot see or answer invitations sent to that email. A disabled login stays disabled.
 */
export async function activateManagedUser(ctx: ClientAreaContext, token: string, password: string): Promise<UserRow> {
  const now = ctx.clock();
  const preview = await describeUserLink(ctx.db, now, token, 'activation');
  if (!preview.valid || !preview.user) throw new ClientAreaError('link_invalid', 410, LINK_FAILURE.activation);
  assertPasswordPolicy(password, ctx.passwordPolicy, preview.user);
  const passwordHash = await hashPassword(password);
  const { email, notification_email: notificationEmail } = preview.user;
  const mailedToLoginEmail = notificationEmail === null || notificationEmail === email;
  return ctx.db.transaction().execute(async (trx) => {
    const link = await consumeUserLink(trx, now, token, 'activation');
    const updated = await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        status: 'active',
        email_verified_at: mailedToLoginEmail ? now.toISOString() : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', link.user_id)
      .where('status', '=', 'pending_activation')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new ClientAreaError('link_invalid', 410, 'This login is already active or has been disabled; the activation link no longer applies.');
    }
    const user = await findUserById(trx, link.user_id);
    if (!user) throw new ClientAreaError('link_invalid', 410, LINK_FAILURE.activation);
    if (link.account_id) await recordAudit(trx, now, { accountId: link.account_id, actorId: user.id, action: 'managed_user.activated', subject: user.email });
    return user;
  });
}

/** Sets a new password from a reset link; every session of the login ends, so a thief's does too. */
export async function resetPasswordWithLink(ctx: ClientAreaContext, token: string, password: string): Promise<UserRow> {
  const now = ctx.clock();
  const preview = await describeUserLink(ctx.db, now, token, 'password_reset');
  if (!preview.valid || !preview.user) throw new ClientAreaError('link_invalid', 410, LINK_FAILURE.password_reset);
  assertPasswordPolicy(password, ctx.passwordPolicy, preview.user);
  const passwordHash = await hashPassword(password);
  const reset = await ctx.db.transaction().execute(async (trx) => {
    const link = await consumeUserLink(trx, now, token, 'password_reset');
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where('id', '=', link.user_id)
      .where('status', '=', 'active')
      .execute();
    await endAllSessions(trx, now, link.user_id);
    const user = await findUserById(trx, link.user_id);
    if (!user || user.status !== 'active') throw new ClientAreaError('link_invalid', 410, 'This login is not active; its password cannot be reset.');
    return user;
  });
  // The mailed link proved the mailbox: failures others made against this login no longer hold it back.
  await ctx.signInLimiter.clearLogin(reset.email);
  return reset;
}

/** Marks the login's email as proved (the link from the confirmation mail after a sign-up). */
export async function verifyEmail(ctx: ClientAreaContext, token: string): Promise<UserRow> {
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const link = await consumeUserLink(trx, now, token, 'email_verification');
    await trx.updateTable('users').set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', link.user_id).execute();
    const user = await findUserById(trx, link.user_id);
    if (!user) throw new ClientAreaError('link_invalid', 410, LINK_FAILURE.email_verification);
    return user;
  });
}
