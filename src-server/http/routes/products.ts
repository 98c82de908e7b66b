import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { AssignService, DelegateDomain, DomainList, Service, ServiceList } from '../../../src-shared/api/services.js';
import { OutgoingInvitation } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { assignService, delegateDomain, listDomains, listServices } from '../../domain/products.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { baseUrlOf, DomainParams, ServiceParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** What the account bought, as far as the caller's grant and scope reach. */
export const productRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/services', {
    schema: {
      summary: 'Services of the account (services.view), limited to a scoped member’s services',
      tags: ['services'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: ServiceList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listServices(ctx.db, request.caller.user, request.params.id, request.query)),
  });

  app.get('/accounts/:id/domains', {
    schema: {
      summary: 'Domains of the account (domains.view), limited to a scoped member’s domains',
      tags: ['services'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: DomainList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listDomains(ctx.db, request.caller.user, request.params.id, request.query)),
  });

  app.post('/accounts/:id/services/:serviceId/assignee', {
    schema: {
      summary: 'Assign a service (a licence, a mailbox) to a user with access, or unassign it with null (services.manage)',
      tags: ['services'],
      security: BEARER,
      params: ServiceParams,
      body: AssignService,
      response: { 200: Service, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => assignService(ctx, request.caller.user, request.params.id, request.params.serviceId, request.body.userId),
  });

  app.post('/accounts/:id/domains/:domainId/delegations', {
    schema: {
      summary: 'Hand one domain’s management to another customer by customer number, with consent',
      description: 'An invitation whose acceptance grants domains.view and domains.manage on this domain only.',
      tags: ['services'],
      security: BEARER,
      params: DomainParams,
      body: DelegateDomain,
      response: { 201: OutgoingInvitation, ...problemResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) => {
      return reply
        .code(201)
        .send(await delegateDomain(ctx, request.caller.user, request.params.id, request.params.domainId, request.body, baseUrlOf(ctx, request)));
    },
  });
};
