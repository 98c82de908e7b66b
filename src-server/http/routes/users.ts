import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { UpdateMe, User } from '../../../src-shared/api/users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { toApiUser, updateProfile } from '../../domain/users.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** The signed-in user's own profile. */
export const userRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/me', {
    schema: {
      summary: 'The signed-in user, with customer number',
      tags: ['session'],
      security: BEARER,
      response: { 200: User, ...problemResponses(401) },
    },
    handler: async (request) => toApiUser(request.caller.user),
  });

  app.patch('/me', {
    schema: {
      summary: 'Change your own name, mail language or notification email',
      tags: ['session'],
      security: BEARER,
      body: UpdateMe,
      response: { 200: User, ...problemResponses(400, 401) },
    },
    handler: async (request) => toApiUser(await updateProfile(ctx.db, ctx.clock(), request.caller.user.id, request.body)),
  });
};
