import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OutgoingInvitation, UpdateInvitationGrant } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { updateInvitationGrant } from '../../domain/invitation-grant.js';
import { BEARER, requireSignIn } from '../auth.js';
import { InvitationParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** When the access a pending invitation offers ends (docs/ARCHITECTURE.md §10). */
export const invitationGrantRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.patch('/accounts/:id/invitations/:invId', {
    schema: {
      summary: 'Move (or with null lift) when the access a pending invitation offers ends (owner, or admin with users.manage)',
      tags: ['team'],
      security: BEARER,
      params: InvitationParams,
      body: UpdateInvitationGrant,
      response: { 200: OutgoingInvitation, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => updateInvitationGrant(ctx, request.caller.user, request.params.id, request.params.invId, request.body),
  });
};
