import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { CreateInvitation, OutgoingInvitation, OutgoingInvitationList } from '../../../src-shared/api/team.js';
import { z } from 'zod';
import type { ClientAreaContext } from '../../domain/context.js';
import { cancelInvitation, inviteToAccount, listOutgoing, resendInvitation } from '../../domain/outgoing-invitations.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { baseUrlOf, InvitationParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Invitations an account sends out: by email or by customer number with consent; resend; cancel. */
export const outgoingInvitationRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  /** What resend and cancel share: they act on one invitation and answer with it as it is now. */
  const oneInvitation = () => ({
    tags: ['team'],
    security: BEARER,
    params: InvitationParams,
    response: { 200: OutgoingInvitation, ...problemResponses(400, 401, 403, 404, 409, 429) },
  });

  app.post('/accounts/:id/invitations', {
    schema: {
      summary: 'Invite someone by email, or by customer number with consent (owner, or admin with users.manage)',
      description: 'Someone who already has access or a pending invitation gets 409 conflict. The invitee is mailed a link to /panel/invitations/accept.',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      body: CreateInvitation,
      response: { 201: OutgoingInvitation, ...problemResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await inviteToAccount(ctx, request.caller.user, request.params.id, request.body, baseUrlOf(ctx, request))),
  });

  app.get('/accounts/:id/invitations', {
    schema: {
      summary: 'Outgoing invitations of the account, any status, newest first',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: OutgoingInvitationList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => withEtag(request, reply, await listOutgoing(ctx.db, ctx.clock(), request.caller.user, request.params.id, request.query)),
  });

  app.post('/accounts/:id/invitations/:invId/resend', {
    schema: {
      summary: 'Send again with a new link and a new 7-day window; the old link stops working',
      ...oneInvitation(),
    },
    handler: async (request) => resendInvitation(ctx, request.caller.user, request.params.id, request.params.invId, baseUrlOf(ctx, request)),
  });

  app.delete('/accounts/:id/invitations/:invId', {
    schema: {
      summary: 'Cancel a pending invitation (idempotent); its link stops working',
      ...oneInvitation(),
    },
    handler: async (request) => cancelInvitation(ctx, request.caller.user, request.params.id, request.params.invId),
  });
};
