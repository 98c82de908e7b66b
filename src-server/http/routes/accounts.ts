import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account, AccountPage } from '../../../src-shared/api/accounts.js';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { getAccount, listAccounts } from '../../domain/accounts.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
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
      // An ETag of the page: a re-sync with nothing changed gets 304 and no account data.
      return withEtag(request, reply, await listAccounts(ctx.db, ctx.clock(), request.caller.user.id, request.query));
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
