import type { TwoFactorChallenge } from '../../src-shared/api/two-factor.js';
import { SETTINGS } from '../config/settings.js';
import type { UserRow } from '../db/tables.js';
import { addSeconds } from './clock.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { LIMITS } from './limits.js';
import { rateLimited } from './rate-limits.js';
import { hashToken, newToken } from './tokens.js';
import { type SecondFactor, verifySecondFactor } from './two-factor.js';
import { findUserById } from './users.js';

const deadChallenge = () =>
  new ClientAreaError('invalid_two_factor_code', 401, 'This sign-in has expired or was already completed. Sign in again with your password.');

/** The first step passed (the right password): a challenge the second factor must answer within minutes. */
export async function issueChallenge(ctx: ClientAreaContext, user: UserRow): Promise<TwoFactorChallenge> {
  const now = ctx.clock();
  const challengeToken = newToken('cdc');
  await ctx.db
    .insertInto('two_factor_challenges')
    .values({
      token_hash: hashToken(challengeToken),
      user_id: user.id,
      expires_at: addSeconds(now, SETTINGS.twoFactorChallengeSeconds).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { twoFactorRequired: true, challengeToken, expiresIn: SETTINGS.twoFactorChallengeSeconds };
}

/**
 * The second step: a current code or a backup code answers the challenge, which then dies. Wrong
 * codes count per challenge (it is refused after a few) and per login (`verifySecondFactor`).
 */
export async function answerChallenge(ctx: ClientAreaContext, challengeToken: string, factor: SecondFactor): Promise<UserRow> {
  const nowIso = ctx.clock().toISOString();
  const tokenHash = hashToken(challengeToken);
  const challenge = await ctx.db
    .selectFrom('two_factor_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  if (!challenge) throw deadChallenge();
  const wait = await ctx.limits.retryAfter(LIMITS.twoFactorFailuresPerChallenge, tokenHash);
  if (wait > 0) throw rateLimited(LIMITS.twoFactorFailuresPerChallenge, wait);
  const user = await findUserById(ctx.db, challenge.user_id);
  if (!user || user.status !== 'active') throw deadChallenge();
  try {
    await verifySecondFactor(ctx, user, factor);
  } catch (error) {
    if (error instanceof ClientAreaError && error.code === 'invalid_two_factor_code') await ctx.limits.hit(LIMITS.twoFactorFailuresPerChallenge, tokenHash);
    throw error;
  }
  // Single use: of two answers racing with two good codes, one claims the challenge.
  const claimed = await ctx.db
    .updateTable('two_factor_challenges')
    .set({ used_at: nowIso })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw deadChallenge();
  return user;
}
