import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { accountListState, getAccount, listAccounts } from '../../domain/accounts.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { currentFor } from '../etag.js';
import { problemResponses } from '../problem.js';

export const accountRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts', {
    schema: {
      summary: 'Accounts the caller can reach, with role, permissions, scope and summary counts',
      tags: ['accounts'],
      security: BEARER,
      querystring: PageQuery,
      response: { 200: AccountPage, 304: z.undefined(), ...problemResponses(400, 401) },
    },
    handler: async (request, reply) => {
      // A re-sync with nothing changed gets 304 and no account data, and costs no page query.
      const now = ctx.clock();
      const userId = request.caller.user.id;
      if (currentFor(request, reply, await accountListState(ctx.db, now, userId, request.query))) return reply.code(304).send();
      return listAccounts(ctx.db, now, userId, request.query);
    },
  });

  app.get('/accounts/:id', {
    schema: {
      summary: 'One account, if the caller can reach it',
      tags: ['accounts'],
      security: BEARER,
      params: IdParams,
      response: { 200: Account, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => getAccount(ctx.db, ctx.clock(), request.caller.user.id, request.params.id),
  });
};
