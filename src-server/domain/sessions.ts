import { sql } from 'kysely';
import type { SessionResponse } from '../../src-shared/api/session.js';
import { SETTINGS } from '../config/settings.js';
import { CompiledStatement, type Slots } from '../db/compiled-queries.js';
import type { UserRow } from '../db/tables.js';
import { addDays, addSeconds } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import type { SignInOutcome } from '../../src-shared/api/two-factor.js';
import { rateLimited } from './rate-limits.js';
import { hasTwoFactor } from './two-factor.js';
import { issueChallenge } from './two-factor-sign-in.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { hashToken, newId, newToken } from './tokens.js';
import { findUserByEmail, findUserById, toApiUser } from './users.js';

const invalidCredentials = () => new ClientAreaError('invalid_credentials', 401, 'The email or password is not correct.');
const unauthenticated = (why: string) => new ClientAreaError('unauthenticated', 401, why);

/**
 * Signs in with email and password; failures count towards the limits per email, address and both.
 * A login with two-factor sign-in gets a challenge instead of tokens (`two-factor-sign-in.ts`).
 */
export async function signIn(ctx: ClientAreaContext, email: string, password: string, ip: string): Promise<SignInOutcome> {
  const user = await checkCredentials(ctx, email, password, ip);
  if (await hasTwoFactor(ctx.db, user.id)) return issueChallenge(ctx, user);
  return issueSession(ctx, user);
}

/**
 * The password step of every sign-in (API and panel). The limits per address come first and stop
 * an attacker before the password is checked. The per-login limit comes after it, so that it
 * cannot lock the owner out (`sign-in-limiter.ts`): over it, only a right password with a second
 * factor still to come, or from an address this login signed in from before, gets through; a
 * wrong one and a right one without either get the same 429, so the answer reveals nothing.
 */
export async function checkCredentials(ctx: ClientAreaContext, email: string, password: string, ip: string): Promise<UserRow> {
  const retryAfter = await ctx.signInLimiter.retryAfter(email, ip);
  if (retryAfter > 0) throw rateLimited({ what: 'failed sign-ins' }, retryAfter);
  const loginWait = await ctx.signInLimiter.loginRetryAfter(email);
  const user = await findUserByEmail(ctx.db, email);
  // Verify against a decoy when the login does not exist, so timing does not reveal which emails do.
  const ok = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), password);
  if (!user || !ok) {
    await ctx.signInLimiter.recordFailure(email, ip);
    if (loginWait > 0) throw loginLimited(loginWait);
    throw invalidCredentials();
  }
  const twoFactor = await hasTwoFactor(ctx.db, user.id);
  if (loginWait > 0 && !twoFactor && !(await ctx.signInLimiter.isKnownAddress(user.id, ip))) throw loginLimited(loginWait);
  await ctx.signInLimiter.recordSuccess(email, ip);
  if (user.status === 'disabled') throw new ClientAreaError('forbidden', 403, 'This login has been disabled by the provider.');
  if (user.status === 'pending_activation') {
    throw new ClientAreaError(
      'login_not_activated',
      403,
      'This login is not activated yet. Use the link in the activation mail first, or ask the account owner to send it.',
    );
  }
  // Logins with a second factor pass the per-login limit by it; the others by a known address.
  if (!twoFactor) await ctx.signInLimiter.rememberAddress(user.id, ip);
  return user;
}

// The same words for a wrong and a right password: the answer must not tell them apart.
const loginLimited = (retryAfter: number) => rateLimited({ what: 'failed sign-ins for this login from other places' }, retryAfter);

/** A new API session (access and refresh token) for a user who proved who they are. */
export async function issueSession(ctx: ClientAreaContext, user: UserRow): Promise<SessionResponse> {
  const now = ctx.clock();
  const accessToken = newToken('cda');
  const refreshToken = newToken('cdr');
  await ctx.db
    .insertInto('sessions')
    .values({
      id: newId('ses'),
      user_id: user.id,
      access_hash: hashToken(accessToken),
      access_expires_at: addSeconds(now, SETTINGS.accessTokenSeconds).toISOString(),
      refresh_hash: hashToken(refreshToken),
      refresh_expires_at: addDays(now, SETTINGS.refreshTokenDays).toISOString(),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .execute();
  return { accessToken, refreshToken, expiresIn: SETTINGS.accessTokenSeconds, user: toApiUser(user) };
}

/**
 * Rotates both tokens of a session: the refresh token presented dies, whatever happens next, and
 * is remembered as retired. A retired token presented again means two parties hold the session
 * (a stolen copy was rotated by one of them), so the whole session ends: every refresh and access
 * token of the family stops working, and whoever is the real user signs in again.
 */
export async function refreshSession(ctx: ClientAreaContext, refreshToken: string): Promise<SessionResponse> {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const accessToken = newToken('cda');
  const nextRefreshToken = newToken('cdr');
  const presented = hashToken(refreshToken);
  const session = await ctx.db.transaction().execute(async (trx) => {
    const rotated = await trx
      .updateTable('sessions')
      .set({
        access_hash: hashToken(accessToken),
        access_expires_at: addSeconds(now, SETTINGS.accessTokenSeconds).toISOString(),
        refresh_hash: hashToken(nextRefreshToken),
        refresh_expires_at: addDays(now, SETTINGS.refreshTokenDays).toISOString(),
      })
      .where('refresh_hash', '=', presented)
      .where('revoked_at', 'is', null)
      .where('refresh_expires_at', '>', nowIso)
      .returning(['id', 'user_id'])
      .executeTakeFirst();
    if (rotated) {
      await trx
        .insertInto('retired_refresh_tokens')
        .values({ refresh_hash: presented, session_id: rotated.id, expires_at: addDays(now, SETTINGS.refreshTokenDays).toISOString() })
        .execute();
    }
    return rotated;
  });
  if (!session) {
    if (await endSessionOfRetiredToken(ctx, presented)) {
      throw unauthenticated('This refresh token was already used once, so the session was ended to protect the login. Sign in again.');
    }
    throw unauthenticated('This session has ended. Sign in again.');
  }
  const user = await findUserById(ctx.db, session.user_id);
  if (!user || user.status !== 'active') throw unauthenticated('This login can no longer sign in.');
  return { accessToken, refreshToken: nextRefreshToken, expiresIn: SETTINGS.accessTokenSeconds, user: toApiUser(user) };
}

/** Ends the session a retired refresh token belonged to; true when the token was one. */
async function endSessionOfRetiredToken(ctx: ClientAreaContext, refreshHash: string): Promise<boolean> {
  const retired = await ctx.db.selectFrom('retired_refresh_tokens').select('session_id').where('refresh_hash', '=', refreshHash).executeTakeFirst();
  if (!retired) return false;
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock().toISOString() })
    .where('id', '=', retired.session_id)
    .where('revoked_at', 'is', null)
    .execute();
  return true;
}

export interface Caller {
  user: UserRow;
  sessionId: string;
  /**
   * Whether some grant's end (on any login) has come and is not retired yet: the request retires
   * them before it reads (docs/ARCHITECTURE.md §5 "Expiring access"). Read with the token, so
   * knowing it costs no statement of its own, and it is current whichever server wrote the end.
   */
  accessEndsDue: boolean;
}

/** Resolves a bearer access token to its user, or fails with `unauthenticated`. */
export async function authenticate(ctx: ClientAreaContext, accessToken: string | undefined): Promise<Caller> {
  if (!accessToken) throw unauthenticated('Sign in first: this request needs a bearer access token.');
  const now = ctx.clock().toISOString();
  const row = await SIGNED_IN.first(ctx.db, { accessHash: hashToken(accessToken), now });
  if (!row || row.revoked_at !== null) throw unauthenticated('The access token is not valid. Sign in again.');
  if (row.access_expires_at <= now) throw unauthenticated('The access token has expired. Refresh the session.');
  if (row.status !== 'active') throw unauthenticated('This login can no longer sign in.');
  const { session_id, access_expires_at: _a, revoked_at: _r, access_ends_due, ...user } = row;
  return { user, sessionId: session_id, accessEndsDue: Number(access_ends_due) === 1 };
}

/**
 * The login and session of an access token, and, in one look at the index of ends
 * (`access_expiries_due`), whether any grant's end is at or before `now`. Every signed-in request
 * runs it, so it is compiled once (`db/compiled-queries.ts`).
 */
const SIGNED_IN = new CompiledStatement('signed-in session', (db, v: Slots<{ accessHash: string; now: string }>) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.access_expires_at',
      'sessions.revoked_at',
      sql<number | string>`case when exists (select 1 from access_expiries where access_expiries.expires_at <= ${v.now}) then 1 else 0 end`.as(
        'access_ends_due',
      ),
    ])
    .where('sessions.access_hash', '=', v.accessHash),
);

export async function signOut(ctx: ClientAreaContext, caller: Caller): Promise<void> {
  await ctx.db.updateTable('sessions').set({ revoked_at: ctx.clock().toISOString() }).where('id', '=', caller.sessionId).execute();
}
