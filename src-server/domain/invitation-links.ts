import type { Kysely } from 'kysely';
import type { Permission, Role, Scope } from '../../src-shared/api/permissions.js';
import type { InvitationAnswerResponse, InvitationStatus } from '../../src-shared/api/invitations.js';
import type { SignupResponse } from '../../src-shared/api/team.js';
import type { Database, InvitationRow, UserRow } from '../db/tables.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { answerOutcome, effectiveStatus, settleInvitation } from './invitations.js';
import { parsePermissions, parseScope } from './memberships.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { issueSession } from './sessions.js';
import { hashToken } from './tokens.js';
import { LIMITS } from './limits.js';

import { createUser, findUserByEmail } from './users.js';
import type { InvitationAnswer } from '../../src-shared/api/primitives.js';

const DEAD_LINK =
  'This invitation link is not valid any more: it was resent (use the newest mail), cancelled, or never existed. Ask the account owner for a new invitation.';

async function findByToken(db: Kysely<Database>, token: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

/** What the panel's accept page shows for a mailed link, before anyone signs in. */
export interface InvitationPreview {
  status: InvitationStatus;
  id: string;
  kind: string;
  account: { id: string; name: string };
  invitedBy: { name: string; email: string };
  /** Who the link is for: the invited email, or null for an invitation by customer number. */
  email: string | null;
  customerNumber: string | null;
  role: Role;
  permissions: Permission[];
  scope: Scope;
  expiresAt: string;
  /** Whether a login with the invited email exists: the page then offers sign-in, else sign-up. */
  loginExists: boolean;
}

/** The invitation behind a mailed token, or undefined when the link is dead (resent, unknown). */
export async function describeInvitationByToken(ctx: ClientAreaContext, token: string): Promise<InvitationPreview | undefined> {
  const row = await findByToken(ctx.db, token);
  if (!row) return undefined;
  const account = await ctx.db.selectFrom('accounts').select('name').where('id', '=', row.account_id).executeTakeFirst();
  const inviter = await ctx.db.selectFrom('users').select(['name', 'email']).where('id', '=', row.invited_by).executeTakeFirst();
  if (!account || !inviter) return undefined;
  const info = { name: account.name, inviter_name: inviter.name, inviter_email: inviter.email };
  const login = row.email ? await findUserByEmail(ctx.db, row.email) : undefined;
  return {
    status: effectiveStatus(row, ctx.clock()),
    id: row.id,
    kind: row.kind,
    account: { id: row.account_id, name: info.name },
    invitedBy: { name: info.inviter_name, email: info.inviter_email },
    email: row.email,
    customerNumber: row.customer_number,
    role: row.role,
    permissions: parsePermissions(row.permissions),
    scope: row.role === 'member' ? parseScope(row.scope) : null,
    expiresAt: row.expires_at,
    loginExists: row.customer_number !== null || login !== undefined,
  };
}

/** The token is bound to the invited email (or customer number): another login cannot use it. */
function assertBoundTo(row: InvitationRow, user: Pick<UserRow, 'email' | 'customer_number'>): void {
  if (row.email !== null && row.email !== user.email.toLowerCase()) {
    throw new ClientAreaError(
      'invitation_email_mismatch',
      403,
      `This invitation was sent to ${row.email}, but you are signed in as ${user.email}. Sign in with the invited email to accept it.`,
    );
  }
  if (row.customer_number !== null && row.customer_number !== user.customer_number) {
    throw new ClientAreaError('invitation_email_mismatch', 403, 'This invitation is for another customer number. Sign in with the login it was sent to.');
  }
}

/**
 * Accepts (or declines) by the token from the mailed link, as a signed-in login whose email is
 * the invited one (docs/ARCHITECTURE.md §9: a login with that email accepts with its own credentials). The
 * token is single-use: once the invitation is answered it no longer works.
 */
export async function redeemInvitation(
  ctx: ClientAreaContext,
  user: UserRow,
  token: string,
  answer: InvitationAnswer = 'accept',
): Promise<InvitationAnswerResponse> {
  const now = ctx.clock();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await findByToken(trx, token);
    if (!row) throw new ClientAreaError('link_invalid', 410, DEAD_LINK);
    assertBoundTo(row, user);
    await settleInvitation(trx, now, user, row, answer);
    // The mailed link reached this mailbox: the email is proved.
    if (row.email !== null && user.email_verified_at === null) {
      await trx.updateTable('users').set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', user.id).execute();
    }
    return row.id;
  });
  return answerOutcome(ctx.db, now, { ...user, email_verified_at: user.email_verified_at ?? now.toISOString() }, id);
}

export interface SignupInput {
  email: string;
  name: string;
  password: string;
  invitationToken: string;
}

/**
 * Creates a login with an invitation's mailed token (docs/ARCHITECTURE.md §9: an invitee without a
 * login signs up first): the sign-up and the acceptance are one transaction, and the email counts
 * as proved. The token holder already saw on the accept page whether the email has a login, so
 * here a taken email may say so; a sign-up without a token answers alike either way (`sign-up.ts`).
 */
export async function signupAndRedeem(
  ctx: ClientAreaContext,
  input: SignupInput,
  ip: string,
): Promise<{ user: UserRow; answer: InvitationAnswerResponse | null }> {
  await ctx.limits.consume(LIMITS.signUpPerAddress, ip);
  const now = ctx.clock();
  const email = input.email.trim().toLowerCase();
  assertPasswordPolicy(input.password, ctx.passwordPolicy, { email });
  const invitation = await findByToken(ctx.db, input.invitationToken);
  if (!invitation) throw new ClientAreaError('link_invalid', 410, DEAD_LINK);
  if (invitation.email === null) {
    throw new ClientAreaError(
      'invitation_email_mismatch',
      403,
      'This invitation was sent to an existing login by its customer number. Sign in with that login to accept it.',
    );
  }
  assertBoundTo(invitation, { email, customer_number: '' });
  const status = effectiveStatus(invitation, now);
  if (status === 'expired') throw new ClientAreaError('invitation_expired', 409, 'This invitation has expired. Ask the account owner to send it again.');
  if (status !== 'pending') throw new ClientAreaError('invitation_not_pending', 409, `This invitation was already ${status}.`);
  if (await findUserByEmail(ctx.db, email)) {
    throw new ClientAreaError('conflict', 409, 'A login with this email already exists. Sign in with it instead (and accept the invitation from there).');
  }
  const passwordHash = await hashPassword(input.password);
  const language = (await ctx.db.selectFrom('users').select('language').where('id', '=', invitation.invited_by).executeTakeFirst())?.language ?? 'en';
  const user = await ctx.db.transaction().execute(async (trx) => {
    const created = await createUser(trx, now, { email, name: input.name, passwordHash, language, emailVerifiedAt: now.toISOString() });
    await settleInvitation(trx, now, created, invitation, 'accept');
    return created;
  });
  return { user, answer: await answerOutcome(ctx.db, now, user, invitation.id) };
}

/** `POST /api/v1/signup`: the login, signed in at once, and the accepted invitation if a token came. */
export async function signup(ctx: ClientAreaContext, input: SignupInput, ip: string): Promise<SignupResponse> {
  const { user, answer } = await signupAndRedeem(ctx, input, ip);
  return { ...(await issueSession(ctx, user)), invitation: answer };
}
