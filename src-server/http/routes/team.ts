import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { AccountUser, AccountUserList, OwnershipTransfer, OwnershipTransferRequest, UpdateAccountUser } from '../../../src-shared/api/team.js';
import { listAccountUsers, revokeAccountUser, updateAccountUser } from '../../domain/account-users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { cancelOwnershipTransfer, confirmOwnershipTransfer, getPendingTransfer, requestOwnershipTransfer } from '../../domain/ownership.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { UserParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Who has access to an account: users and their grants, revoking and leaving, ownership transfer. */
export const teamRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
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
    handler: async (request, reply) => {
      return withEtag(request, reply, await listAccountUsers(ctx.db, request.caller.user, request.params.id, request.query));
    },
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
    handler: async (request) => {
      return updateAccountUser(ctx, request.caller.user, request.params.id, request.params.userId, request.body);
    },
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

  app.post('/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'Offer the ownership to another user with access (owner only); they must confirm',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      body: OwnershipTransferRequest,
      response: { 201: OwnershipTransfer, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      return reply.code(201).send(await requestOwnershipTransfer(ctx, request.caller.user, request.params.id, request.body.toUserId));
    },
  });

  app.get('/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'The pending ownership transfer (for the owner and for the user it is offered to)',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => getPendingTransfer(ctx, request.caller.user, request.params.id),
  });

  app.delete('/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'Withdraw (owner) or decline (target) the pending ownership transfer',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404) },
    },
    handler: async (request) => cancelOwnershipTransfer(ctx, request.caller.user, request.params.id),
  });

  app.post('/accounts/:id/ownership-transfer/confirm', {
    schema: {
      summary: 'Confirm the ownership transfer offered to you: you become the owner, the previous owner an admin',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: OwnershipTransfer, ...problemResponses(400, 401, 404, 409) },
    },
    handler: async (request) => confirmOwnershipTransfer(ctx, request.caller.user, request.params.id),
  });
};
