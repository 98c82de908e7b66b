import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from '../config/logger.js';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { containsNul } from '../db/database.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { passwordPolicyFromEnv } from '../domain/passwords.js';
import { Mailer } from '../mail/mailer.js';
import { panelRoutes, sendPanelError } from '../panel/routes.js';
import { installEtags } from './etag.js';
import { installIdempotency } from './idempotency.js';
import { openApiRoutes, registerOpenApi } from './openapi.js';
import { apiNotFound, frameworkProblem, installProblemHandlers } from './problem.js';
import { accountUserRoutes } from './routes/account-users.js';
import { accountRoutes } from './routes/accounts.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { contactRoutes } from './routes/contacts.js';
import { invitationLinkRoutes } from './routes/invitation-links.js';
import { invitationRoutes } from './routes/invitations.js';
import { managedUserRoutes } from './routes/managed-users.js';
import { outgoingInvitationRoutes } from './routes/outgoing-invitations.js';
import { ownershipRoutes } from './routes/ownership.js';
import { productRoutes } from './routes/products.js';
import { sessionRoutes } from './routes/sessions.js';
import { ssoRoutes } from './routes/sso.js';
import { ticketRoutes } from './routes/tickets.js';
import { userLinkRoutes } from './routes/user-links.js';
import { userRoutes } from './routes/users.js';

/** The context without what the app makes itself when not given (mailer, password policy). */
export type AppDeps = Omit<ClientAreaContext, 'mailer' | 'passwordPolicy'> & Partial<Pick<ClientAreaContext, 'passwordPolicy'>> & { mailer?: Mailer };

export interface AppOptions {
  logLevel: string;
  /** SMTP server for mails (`smtp://…`); defaults to `SMTP_URL`; without one mails stay in the outbox. */
  smtpUrl?: string | undefined;
  /** Base of the links the server hands out (SSO); defaults to the scheme and host of the request. */
  publicUrl?: string | undefined;
  /** The panel's development mail viewer (see config/panel.ts). */
  devTools?: boolean | undefined;
}

/** Every API path starts here; the route files write only what follows. */
const API_PREFIX = '/api/v1';

/** The API's plugins, one per capability, in the order the OpenAPI document lists them. */
const API_ROUTES = [
  sessionRoutes,
  userRoutes,
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
];

/** One Fastify plugin per capability; every request and response goes through the shared zod schemas. */
export async function buildApp(deps: AppDeps, options: AppOptions): Promise<{ app: FastifyInstance; ctx: ClientAreaContext }> {
  const app = Fastify({ logger: loggerOptions(options.logLevel), bodyLimit: 256 * 1024, frameworkErrors: frameworkProblem });
  const mailer = deps.mailer ?? new Mailer({ db: deps.db, clock: deps.clock, smtpUrl: options.smtpUrl ?? process.env.SMTP_URL, log: app.log });
  const ctx: ClientAreaContext = {
    ...deps,
    mailer,
    passwordPolicy: deps.passwordPolicy ?? passwordPolicyFromEnv(),
    publicUrl: deps.publicUrl ?? options.publicUrl,
  };
  app.addHook('onClose', async () => mailer.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  // Text PostgreSQL cannot store (U+0000) is refused on both stores before any handler runs.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.params) || containsNul(request.query) || containsNul(request.body)) {
      throw new ClientAreaError('validation_failed', 400, 'Text may not contain the NUL character (U+0000).');
    }
  });
  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/panel') ? sendPanelError(reply, 404, 'Page not found', 'There is no such page in the client area.') : apiNotFound(request, reply),
  );

  await registerOpenApi(app);
  installIdempotency(app, ctx);
  installEtags(app);
  for (const routes of API_ROUTES) await app.register(routes, { ctx, prefix: API_PREFIX });
  await app.register(openApiRoutes, { prefix: API_PREFIX });
  await app.register(panelRoutes, { ctx, devTools: options.devTools ?? false, sendsSmtp: mailer.sendsSmtp });
  return { app, ctx };
}
