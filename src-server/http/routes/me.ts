import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { UpdateMe, User } from '../../../src-shared/api/users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { toApiUser, updateProfile } from '../../domain/users.js';
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

  app.patch('/api/v1/me', {
    schema: {
      summary: 'Change your own name, mail language or notification email',
      tags: ['session'],
      security: BEARER,
      body: UpdateMe,
      response: { 200: User, ...problemResponses(400, 401) },
    },
    handler: async (request) => {
      const caller = await requireCaller(ctx, request);
      return toApiUser(await updateProfile(ctx.db, ctx.clock(), caller.user.id, request.body));
    },
  });
};
