import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { User } from '../../../src-shared/api/schemas.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { toApiUser } from '../../domain/users.js';
import { BEARER, requireCaller } from '../auth.js';
import { problemResponses } from '../problem.js';

export const meRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.get('/api/v1/me', {
    schema: {
      summary: 'The signed-in user, with customer number',
      tags: ['session'],
      security: BEARER,
      response: { 200: User, ...problemResponses(401) },
    },
    handler: async (request) => toApiUser((await requireCaller(ctx, request)).user),
  });
};
