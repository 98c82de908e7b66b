import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { AccountUser, AccountUserList, OwnershipTransfer, OwnershipTransferRequest, UpdateAccountUser } from '../../../src-shared/api/team.js';
import { listAccountUsers, revokeAccountUser, updateAccountUser } from '../../domain/account-users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { cancelOwnershipTransfer, confirmOwnershipTransfer, getPendingTransfer, requestOwnershipTransfer } from '../../domain/ownership.js';
import { BEARER, requireCaller } from '../auth.js';
import { withEtag } from '../etag.js';
import { UserParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Who has access to an account: users and their grants, revoking and leaving, ownership transfer. */
export const teamRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.get('/api/v1/accounts/:id/users', {
    schema: {
      summary: 'Users with access to the account and their permissions (users.manage)',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: AccountUserList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const caller = await requireCaller(ctx, request);
      return withEtag(request, reply, await listAccountUsers(ctx.db, caller.user, request.params.id, request.query));
    },
  });

  app.patch('/api/v1/accounts/:id/users/:userId', {
    schema: {
      summary: 'Change a user’s role, permissions or scope; it takes effect at once',
      tags: ['team'],
      security: BEARER,
      params: UserParams,
      body: UpdateAccountUser,
      response: { 200: AccountUser, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const caller = await requireCaller(ctx, request);
      return updateAccountUser(ctx, caller.user, request.params.id, request.params.userId, request.body);
    },
  });

  app.delete('/api/v1/accounts/:id/users/:userId', {
    schema: {
      summary: 'Revoke a user’s access at once; with your own id, leave the account',
      tags: ['team'],
      security: BEARER,
      params: UserParams,
      response: { 204: z.undefined(), ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const caller = await requireCaller(ctx, request);
      await revokeAccountUser(ctx, caller.user, request.params.id, request.params.userId);
      return reply.code(204).send();
    },
  });

  app.post('/api/v1/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'Offer the ownership to another user with access (owner only); they must confirm',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      body: OwnershipTransferRequest,
      response: { 201: OwnershipTransfer, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const caller = await requireCaller(ctx, request);
      return reply.code(201).send(await requestOwnershipTransfer(ctx, caller.user, request.params.id, request.body.toUserId));
    },
  });

  app.get('/api/v1/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'The pending ownership transfer (for the owner and for the user it is offered to)',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => getPendingTransfer(ctx, (await requireCaller(ctx, request)).user, request.params.id),
  });

  app.delete('/api/v1/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'Withdraw (owner) or decline (target) the pending ownership transfer',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => cancelOwnershipTransfer(ctx, (await requireCaller(ctx, request)).user, request.params.id),
  });

  app.post('/api/v1/accounts/:id/ownership-transfer/confirm', {
    schema: {
      summary: 'Confirm the ownership transfer offered to you: you become the owner, the previous owner an admin',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404, 409) },
    },
    handler: async (request) => confirmOwnershipTransfer(ctx, (await requireCaller(ctx, request)).user, request.params.id),
  });
};
