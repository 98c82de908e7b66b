import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { AccountUser, AccountUserList, UpdateAccountUser } from '../../../src-shared/api/team.js';
import { listAccountUsers, revokeAccountUser, updateAccountUser } from '../../domain/account-users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { UserParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Who has access to an account: users and their grants, changing them, revoking and leaving. */
export const accountUserRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/users', {
    schema: {
      summary: 'Users with access to the account and their permissions (users.manage)',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: AccountUserList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listAccountUsers(ctx.db, request.caller.user, request.params.id, request.query)),
  });

  app.patch('/accounts/:id/users/:userId', {
    schema: {
      summary: 'Change a user’s role, permissions or scope; it takes effect at once',
      tags: ['team'],
      security: BEARER,
      params: UserParams,
      body: UpdateAccountUser,
      response: { 200: AccountUser, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => updateAccountUser(ctx, request.caller.user, request.params.id, request.params.userId, request.body),
  });

  app.delete('/accounts/:id/users/:userId', {
    schema: {
      summary: 'Revoke a user’s access at once; with your own id, leave the account',
      tags: ['team'],
      security: BEARER,
      params: UserParams,
      response: { 204: z.undefined(), ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      await revokeAccountUser(ctx, request.caller.user, request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  });
};
