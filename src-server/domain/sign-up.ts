import type { SignupAccepted } from '../../src-shared/api/team.js';
import type { ClientAreaContext } from './context.js';
import { LIMITS } from './limits.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { issueUserLink, userLinkUrl } from './user-links.js';
import { createUser, findUserByEmail } from './users.js';

export interface PlainSignup {
  email: string;
  name: string;
  password: string;
}

/**
 * `POST /signup` without an invitation (docs/ARCHITECTURE.md §12): the answer is the same whether
 * the email has a login or not, so sign-up reveals nothing. A new login is created unconfirmed and
 * its confirmation mail sent; for an existing one nothing changes, and its owner is told by mail
 * that someone tried (at most a few such mails an hour, silently, so the answer stays the same).
 * Both paths hash the password, so their timing does not tell them apart either.
 */
export async function requestSignup(ctx: ClientAreaContext, input: PlainSignup, baseUrl: string, ip: string): Promise<SignupAccepted> {
  await ctx.limits.consume(LIMITS.signUpPerAddress, ip);
  const now = ctx.clock();
  const email = input.email.trim().toLowerCase();
  assertPasswordPolicy(input.password, ctx.passwordPolicy, { email });
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(ctx.db, email);
  if (existing) {
    const { count } = await ctx.limits.hit(LIMITS.signUpAttemptMailsPerLogin, existing.id);
    if (count <= LIMITS.signUpAttemptMailsPerLogin.max) {
      await ctx.mailer.enqueue(ctx.db, now, {
        to: existing.email,
        kind: 'access',
        template: 'sign_up_attempt',
        language: existing.language,
        vars: { name: existing.name, link: `${baseUrl}/panel/sign-in` },
      });
    }
  } else {
    await ctx.db.transaction().execute(async (trx) => {
      const created = await createUser(trx, now, { email, name: input.name, passwordHash, emailVerifiedAt: null });
      const { token } = await issueUserLink(trx, now, created.id, 'email_verification', null);
      await ctx.mailer.enqueue(trx, now, {
        to: created.email,
        kind: 'access',
        template: 'email_verification',
        language: created.language,
        vars: { name: created.name, link: userLinkUrl(baseUrl, 'email_verification', token) },
      });
    });
  }
  return {
    status: 'confirmation_sent',
    email,
    message: `We sent a mail to ${email}. Follow it to confirm the address, then sign in with it.`,
  };
}
