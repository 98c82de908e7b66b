import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/tables.js';
import type { Clock } from './clock.js';
import type { SignInLimiter } from './sign-in-limiter.js';

/** What every capability of the client area needs: storage, time, and the provider's settings. */
export interface ClientAreaContext {
  db: Kysely<Database>;
  clock: Clock;
  adminKey: string;
  signInLimiter: SignInLimiter;
  log: FastifyBaseLogger;
}
