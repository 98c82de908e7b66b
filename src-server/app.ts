import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from './config/logger.js';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { containsNul } from './db/database.js';
import type { ClientAreaContext } from './domain/context.js';
import { retireExpiredAccess, sweepAccessExpiry } from './domain/access-expiry-sweep.js';
import { ClientAreaError } from './domain/errors.js';
import { passwordPolicyFromEnv } from './domain/passwords.js';
import { RateLimits } from './domain/rate-limits.js';
import { pruneExpired } from './domain/retention.js';
import { SignInLimiter } from './domain/sign-in-limiter.js';
import { SETTINGS } from './config/settings.js';
import { Mailer } from './mail/mailer.js';
import { panelRoutes, sendPanelError } from './panel/routes.js';
import { installEtags } from './http/etag.js';
import { installIdempotency } from './http/idempotency.js';
import { installHostGuard } from './http/public-origin.js';
import type { TrustProxy } from './config/public-url.js';
import { claimingTransactions } from './http/idempotency-claim.js';
import { openApiRoutes, registerOpenApi } from './http/openapi.js';
import { apiNotFound, frameworkProblem, installProblemHandlers } from './http/problem.js';
import { accessRequestRoutes } from './http/routes/access-requests.js';
import { accountUserRoutes } from './http/routes/account-users.js';
import { accountRoutes } from './http/routes/accounts.js';
import { adminRoutes } from './http/routes/admin.js';
import { auditRoutes } from './http/routes/audit.js';
import { contactRoutes } from './http/routes/contacts.js';
import { invitationDomainRoutes } from './http/routes/invitation-domains.js';
import { invitationGrantRoutes } from './http/routes/invitation-grant.js';
import { invitationLinkRoutes } from './http/routes/invitation-links.js';
import { invitationRoutes } from './http/routes/invitations.js';
import { managedUserRoutes } from './http/routes/managed-users.js';
import { outgoingInvitationRoutes } from './http/routes/outgoing-invitations.js';
import { ownershipRoutes } from './http/routes/ownership.js';
import { productRoutes } from './http/routes/products.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { ssoRoutes } from './http/routes/sso.js';
import { ticketRoutes } from './http/routes/tickets.js';
import { userLinkRoutes } from './http/routes/user-links.js';
import { twoFactorPolicyRoutes } from './http/routes/two-factor-policy.js';
import { twoFactorRoutes } from './http/routes/two-factor.js';
import { userRoutes } from './http/routes/users.js';

/** The context without what the app makes itself when not given (mailer, password policy). */
export type AppDeps = Omit<ClientAreaContext, 'mailer' | 'passwordPolicy' | 'signInLimiter' | 'limits'> &
  Partial<Pick<ClientAreaContext, 'passwordPolicy' | 'signInLimiter' | 'limits'>> & { mailer?: Mailer };

export interface AppOptions {
  logLevel: string;
  /** SMTP server for mails (`smtp://…`); defaults to `SMTP_URL`; without one mails stay in the outbox. */
  smtpUrl?: string | undefined;
  /**
   * Base of the links the server hands out (mails, SSO), and the one host besides the loopback
   * names it answers for; without one, the loopback URL it listens on (`config/public-url.ts`).
   */
  publicUrl?: string | undefined;
  /** Fastify's `trustProxy`: which proxies' `X-Forwarded-*` headers are believed (off by default). */
  trustProxy?: TrustProxy | undefined;
  /** Where the data is (a file, or PostgreSQL without credentials), named when a write fails for lack of space or permission. */
  databaseLocation?: string | undefined;
  /** The panel's development mail viewer (see config/panel.ts). */
  devTools?: boolean | undefined;
}

/** Every API path starts here; the route files write only what follows. */
const API_PREFIX = '/api/v1';

/** The API's plugins, one per capability, in the order the OpenAPI document lists them. */
const API_ROUTES = [
  sessionRoutes,
  userRoutes,
  twoFactorRoutes,
  accountRoutes,
  invitationRoutes,
  ssoRoutes,
  adminRoutes,
  invitationLinkRoutes,
  userLinkRoutes,
  outgoingInvitationRoutes,
  accountUserRoutes,
  ownershipRoutes,
  managedUserRoutes,
  contactRoutes,
  productRoutes,
  ticketRoutes,
  auditRoutes,
  twoFactorPolicyRoutes,
  invitationGrantRoutes,
  invitationDomainRoutes,
  accessRequestRoutes,
];

/** One Fastify plugin per capability; every request and response goes through the shared zod schemas. */
export async function buildApp(deps: AppDeps, options: AppOptions): Promise<{ app: FastifyInstance; ctx: ClientAreaContext }> {
  const app = Fastify({
    logger: loggerOptions(options.logLevel),
    bodyLimit: 256 * 1024,
    frameworkErrors: frameworkProblem,
    trustProxy: options.trustProxy ?? false,
  });
  const mailer = deps.mailer ?? new Mailer({ db: deps.db, clock: deps.clock, smtpUrl: options.smtpUrl ?? process.env.SMTP_URL, log: app.log });
  const ctx: ClientAreaContext = {
    ...deps,
    // Every transaction a keyed write opens stores its idempotency key with its effect.
    db: claimingTransactions(deps.db),
    mailer,
    passwordPolicy: deps.passwordPolicy ?? passwordPolicyFromEnv(),
    signInLimiter: deps.signInLimiter ?? new SignInLimiter(deps.db, deps.clock),
    limits: deps.limits ?? new RateLimits(deps.db, deps.clock),
    publicUrl: deps.publicUrl ?? options.publicUrl,
  };
  app.addHook('onClose', async () => mailer.close());
  installHostGuard(app, ctx);
  installPruning(app, ctx);
  installAccessExpiry(app, ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const databaseLocation = options.databaseLocation ?? 'the database';
  installProblemHandlers(app, { databaseLocation });
  // Text PostgreSQL cannot store (U+0000) is refused on both stores before any handler runs. A
  // callback hook, as are the app's other hooks that decide at once: no promise for each request.
  app.addHook('preValidation', (request, _reply, done) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      done(new ClientAreaError('validation_failed', 400, 'Text may not contain the NUL character (U+0000).'));
      return;
    }
    done();
  });
  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/panel') ? sendPanelError(reply, 404, 'Page not found', 'There is no such page in the client area.') : apiNotFound(request, reply),
  );

  await registerOpenApi(app);
  installIdempotency(app, ctx);
  installEtags(app);
  for (const routes of API_ROUTES) await app.register(routes, { ctx, prefix: API_PREFIX });
  await app.register(openApiRoutes, { prefix: API_PREFIX });
  await app.register(panelRoutes, { ctx, devTools: options.devTools ?? false, sendsSmtp: mailer.sendsSmtp, databaseLocation });
  return { app, ctx };
}

/** Prunes expired counters and old mails once the server is up, then on a timer that never keeps the process alive. */
function installPruning(app: FastifyInstance, ctx: ClientAreaContext): void {
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    pruneExpired(ctx.db, ctx.clock).catch((err: unknown) => {
      app.log.warn({ err }, 'pruning expired counters and mails failed');
    });
  app.addHook('onReady', async () => {
    await prune();
    timer = setInterval(() => void prune(), SETTINGS.pruneEverySeconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * Expiring access ends at its instant, not at the next tick of a timer: every API and panel request
 * first retires the grants whose end has come, so no read, SSO link or panel session outlives its
 * grant. A signed-in API route learns whether any end is due from its sign-in read
 * (`http/auth.ts`); every other request looks here (one indexed read of `access_expiries`). The
 * timer retires and sends the three-day reminders even when nobody calls.
 */
function installAccessExpiry(app: FastifyInstance, ctx: ClientAreaContext): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.config.retiresAccessAtSignIn || !(request.url.startsWith('/api/') || request.url.startsWith('/panel'))) {
      done();
      return;
    }
    retireExpiredAccess(ctx.db, ctx.clock).then(() => done(), done);
  });
  const sweep = () =>
    sweepAccessExpiry(ctx).catch((err: unknown) => {
      app.log.warn({ err }, 'retiring and reminding of expiring access failed');
    });
  app.addHook('onReady', async () => {
    await sweep();
    timer = setInterval(() => void sweep(), SETTINGS.pruneEverySeconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
