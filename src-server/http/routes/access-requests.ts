import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessRequest, AccessRequestList, ApproveAccessRequest, CreateAccessRequest } from '../../../src-shared/api/access-requests.js';
import { Id, IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { approveAccessRequest, declineAccessRequest } from '../../domain/access-request-answers.js';
import { createAccessRequest, listAccountRequests, listOwnRequests, listRequestsToAnswer } from '../../domain/access-requests.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { baseUrlOf } from '../links.js';
import { problemResponses } from '../problem.js';

const RequestParams = z.object({ id: Id, requestId: Id }).strict();

/** Asking an owner for access, and the owner's answer (docs/ARCHITECTURE.md §10). */
export const accessRequestRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.post('/access-requests', {
    schema: {
      summary: 'Ask for more permissions on an account you reach, or for access by the owner’s customer number',
      description:
        'A request by customer number answers the same whether or not the number exists; only a real owner is mailed. Limited to 5 per login an hour and 20 per account or number a day (429 with Retry-After). Expires after 7 days.',
      tags: ['access requests'],
      security: BEARER,
      body: CreateAccessRequest,
      response: { 201: AccessRequest, ...problemResponses(400, 401, 404, 409, 429) },
    },
    handler: async (request, reply) => reply.code(201).send(await createAccessRequest(ctx, request.caller.user, request.body, baseUrlOf(ctx, request))),
  });

  app.get('/access-requests', {
    schema: {
      summary: 'Your own access requests with their outcome, newest first',
      tags: ['access requests'],
      security: BEARER,
      querystring: PageQuery,
      response: { 200: AccessRequestList, 304: z.undefined(), ...problemResponses(400, 401) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listOwnRequests(ctx.db, ctx.clock(), request.caller.user, request.query)),
  });

  app.get('/access-requests/incoming', {
    schema: {
      summary: 'Open requests you may answer, across every account you own or manage users of',
      tags: ['access requests'],
      security: BEARER,
      querystring: PageQuery,
      response: { 200: AccessRequestList, 304: z.undefined(), ...problemResponses(400, 401) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listRequestsToAnswer(ctx.db, ctx.clock(), request.caller.user, request.query)),
  });

  app.get('/accounts/:id/access-requests', {
    schema: {
      summary: 'Access requests about this account or to its owner’s customer number (owner, or admin with users.manage)',
      tags: ['access requests'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: AccessRequestList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) =>
      withEtag(request, reply, await listAccountRequests(ctx.db, ctx.clock(), request.caller.user, request.params.id, request.query)),
  });

  app.post('/accounts/:id/access-requests/:requestId/approve', {
    schema: {
      summary: 'Approve on this account, optionally giving fewer permissions or a narrower scope than asked',
      tags: ['access requests'],
      security: BEARER,
      params: RequestParams,
      body: ApproveAccessRequest,
      response: { 200: AccessRequest, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => approveAccessRequest(ctx, request.caller.user, request.params.id, request.params.requestId, request.body),
  });

  app.post('/accounts/:id/access-requests/:requestId/decline', {
    schema: {
      summary: 'Decline the request; nothing changes on the account',
      tags: ['access requests'],
      security: BEARER,
      params: RequestParams,
      response: { 200: AccessRequest, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => declineAccessRequest(ctx, request.caller.user, request.params.id, request.params.requestId),
  });
};
