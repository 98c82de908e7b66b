import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/tables.js';
import type { Mailer } from '../mail/mailer.js';
import type { Clock } from './clock.js';
import type { PasswordPolicy } from './passwords.js';
import type { SignInLimiter } from './sign-in-limiter.js';

/** What every capability of the client area needs: storage, time, mail and the provider's settings. */
export interface ClientAreaContext {
  db: Kysely<Database>;
  clock: Clock;
  adminKey: string;
  signInLimiter: SignInLimiter;
  log: FastifyBaseLogger;
  /** Writes every mail to the outbox, and hands it to SMTP when one is configured. */
  mailer: Mailer;
  /** The provider's password policy (docs/ARCHITECTURE.md §9 is the minimum it may make stricter). */
  passwordPolicy: PasswordPolicy;
  /** Base of the links the server puts in mails and answers (`https://clientarea.example`). */
  publicUrl?: string | undefined;
}
