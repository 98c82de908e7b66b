import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../src-shared/api/primitives.js';
import { SsoLink } from '../../../src-shared/api/sso.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { createSsoLink } from '../../domain/sso.js';
import { BEARER, requireSignIn } from '../auth.js';
import { baseUrlOf } from '../links.js';
import { problemResponses } from '../problem.js';

export const ssoRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.post('/accounts/:id/sso', {
    schema: {
      summary: 'A one-time link (valid at most 60 s) that signs the caller into the panel of this account',
      tags: ['accounts'],
      security: BEARER,
      params: IdParams,
      response: { 200: SsoLink, ...problemResponses(400, 401, 404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return createSsoLink(ctx.db, ctx.clock(), request.caller.user, request.params.id, baseUrlOf(ctx, request));
    },
  });
};
