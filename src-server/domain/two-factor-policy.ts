import type { TwoFactorPolicy } from '../../src-shared/api/two-factor.js';
import type { UserRow } from '../db/tables.js';
import { assertOwner, requireGrant } from './access.js';
import { touchAccount } from './accounts.js';
import { recordAudit } from './audit.js';
import type { ClientAreaContext } from './context.js';
import { ClientAreaError } from './errors.js';
import { hasTwoFactor } from './two-factor.js';

/** The account's policy and, for each login with access, whether it signs in with two factors. */
export async function getTwoFactorPolicy(ctx: ClientAreaContext, actor: UserRow, accountId: string): Promise<TwoFactorPolicy> {
  assertOwner(await requireGrant(ctx.db, actor.id, accountId), 'see the two-factor policy');
  return policyOf(ctx, accountId);
}

/**
 * Turns the policy on or off (owner only). The owner turns it on only with two-factor sign-in of
 * their own, so the policy can never lock out the one person who can change it.
 */
export async function setTwoFactorPolicy(ctx: ClientAreaContext, actor: UserRow, accountId: string, required: boolean): Promise<TwoFactorPolicy> {
  assertOwner(await requireGrant(ctx.db, actor.id, accountId), 'change the two-factor policy');
  if (required && !(await hasTwoFactor(ctx.db, actor.id))) {
    throw new ClientAreaError('conflict', 409, 'Turn on two-factor sign-in for your own login before requiring it of everyone.');
  }
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const changed = required
      ? await trx
          .insertInto('two_factor_policies')
          .values({ account_id: accountId, required_by: actor.id, required_at: now.toISOString() })
          .onConflict((oc) => oc.column('account_id').doNothing())
          .executeTakeFirst()
          .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0n) > 0)
      : await trx
          .deleteFrom('two_factor_policies')
          .where('account_id', '=', accountId)
          .executeTakeFirst()
          .then((r) => Number(r.numDeletedRows) > 0);
    if (!changed) return;
    await recordAudit(trx, now, { accountId, actorId: actor.id, action: 'two_factor.policy_changed', detail: { required } });
    // Everyone's mark on the account changes with it: incremental sync must see it.
    await touchAccount(trx, now, accountId);
  });
  return policyOf(ctx, accountId);
}

async function policyOf(ctx: ClientAreaContext, accountId: string): Promise<TwoFactorPolicy> {
  const policy = await ctx.db.selectFrom('two_factor_policies').select('account_id').where('account_id', '=', accountId).executeTakeFirst();
  const rows = await ctx.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('two_factor', (join) => join.onRef('two_factor.user_id', '=', 'memberships.user_id').on('two_factor.enabled_at', 'is not', null))
    .select(['users.id', 'users.name', 'users.email', 'memberships.role', 'two_factor.user_id as two_factor_user'])
    .where('memberships.account_id', '=', accountId)
    .orderBy('users.email')
    .execute();
  return {
    required: policy !== undefined,
    members: rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, role: r.role, twoFactorEnabled: r.two_factor_user !== null })),
  };
}
