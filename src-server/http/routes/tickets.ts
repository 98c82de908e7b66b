import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateTicket, Ticket, TicketList } from '../../../src-shared/api/activity.js';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { listTickets, openTicket } from '../../domain/tickets.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** Support tickets of an account: the list, and opening one. */
export const ticketRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/tickets', {
    schema: {
      summary: 'Support tickets, newest first, each with who opened it and as what (tickets)',
      tags: ['tickets'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: TicketList, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => listTickets(ctx.db, request.caller.user, request.params.id, request.query),
  });

  app.post('/accounts/:id/tickets', {
    schema: {
      summary: 'Open a ticket; one opened by someone other than the owner is marked as from an authorized user',
      tags: ['tickets'],
      security: BEARER,
      params: IdParams,
      body: CreateTicket,
      response: { 201: Ticket, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => reply.code(201).send(await openTicket(ctx, request.caller.user, request.params.id, request.body)),
  });
};
