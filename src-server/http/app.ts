import Fastify, { type FastifyInstance } from 'fastify';
import { loggerOptions } from '../config/logger.js';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ClientAreaContext } from '../domain/context.js';
import { panelRoutes, sendPanelError } from '../panel/routes.js';
import { installIdempotency } from './idempotency.js';
import { openApiRoute, registerOpenApi } from './openapi.js';
import { apiNotFound, installProblemHandlers } from './problem.js';
import { accountRoutes } from './routes/accounts.js';
import { adminRoutes } from './routes/admin.js';
import { invitationRoutes } from './routes/invitations.js';
import { meRoutes } from './routes/me.js';
import { sessionRoutes } from './routes/session.js';
import { ssoRoutes } from './routes/sso.js';

export interface AppOptions {
  logLevel: string;
  /** Base of the links the server hands out (SSO); defaults to the scheme and host of the request. */
  publicUrl?: string | undefined;
}

/** One Fastify plugin per capability; every request and response goes through the shared zod schemas. */
export async function buildApp(deps: Omit<ClientAreaContext, 'log'>, options: AppOptions): Promise<{ app: FastifyInstance; ctx: ClientAreaContext }> {
  const app = Fastify({ logger: loggerOptions(options.logLevel), bodyLimit: 256 * 1024 });
  const ctx: ClientAreaContext = { ...deps, log: app.log };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/panel')
      ? sendPanelError(reply, 404, 'Page not found', 'There is no such page in the client area.')
      : apiNotFound(request, reply),
  );

  await registerOpenApi(app);
  installIdempotency(app, ctx);
  await app.register(sessionRoutes, { ctx });
  await app.register(meRoutes, { ctx });
  await app.register(accountRoutes, { ctx });
  await app.register(invitationRoutes, { ctx });
  await app.register(ssoRoutes, { ctx, publicUrl: options.publicUrl });
  await app.register(adminRoutes, { ctx });
  await app.register(panelRoutes, { ctx });
  openApiRoute(app);
  return { app, ctx };
}
