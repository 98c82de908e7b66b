import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from './clock.js';
import type { MailQueue } from './mail.js';
import type { PasswordPolicy } from './passwords.js';
import type { RateLimits } from './rate-limits.js';
import type { SignInLimiter } from './sign-in-limiter.js';

/** What every capability of the client area needs: storage, time, mail and the provider's settings. */
export interface ClientAreaContext {
  db: Kysely<Database>;
  clock: Clock;
  adminKey: string;
  signInLimiter: SignInLimiter;
  /** The other limits (`domain/limits.ts`), counted in the database like the sign-in limiter. */
  limits: RateLimits;
  /** Where changes leave their mails (the outbox, and SMTP when configured: `mail/mailer.ts`). */
  mailer: MailQueue;
  /** The provider's password policy (docs/ARCHITECTURE.md §9 is the minimum it may make stricter). */
  passwordPolicy: PasswordPolicy;
  /** The key TOTP secrets are encrypted with (`config/two-factor.ts`); without one, enrolment is refused. */
  twoFactorKey?: Buffer | undefined;
  /** Base of the links the server puts in mails and answers (`https://clientarea.example`). */
  publicUrl?: string | undefined;
}
