import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../src-shared/api/primitives.js';
import { OwnershipTransfer, OwnershipTransferRequest } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { cancelOwnershipTransfer, confirmOwnershipTransfer, getPendingTransfer, requestOwnershipTransfer } from '../../domain/ownership.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** Handing an account to another user: offered by the owner, confirmed, withdrawn or declined. */
export const ownershipRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.post('/accounts/:id/ownership-transfer', {
    schema: {
      summary: 'Offer the ownership to another user with access (owner only); they must confirm',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      body: OwnershipTransferRequest,
      response: { 201: OwnershipTransfer, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(await requestOwnershipTransfer(ctx, request.caller.user, request.params.id, request.body.toUserId)),
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
