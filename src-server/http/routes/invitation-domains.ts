import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AllowedInvitationDomains } from '../../../src-shared/api/access-policy.js';
import { IdParams } from '../../../src-shared/api/primitives.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { getInvitationDomains, putInvitationDomains } from '../../domain/invitation-domains.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** Who may be invited to an account, by email domain (docs/ARCHITECTURE.md §10; owner only). */
export const invitationDomainRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/invitation-domains', {
    schema: {
      summary: 'The email domains invitations to the account may go to; empty: anyone (owner only)',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      response: { 200: AllowedInvitationDomains, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => getInvitationDomains(ctx.db, request.caller.user, request.params.id),
  });

  app.put('/accounts/:id/invitation-domains', {
    schema: {
      summary: 'Replace the allowed invitation domains (owner only)',
      description:
        'Invitations by email to an address outside the list, by customer number to a login whose email is outside it, and acceptances by such a login are refused with 403 email_domain_not_allowed. An empty list lets anyone be invited.',
      tags: ['team'],
      security: BEARER,
      params: IdParams,
      body: AllowedInvitationDomains,
      response: { 200: AllowedInvitationDomains, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => putInvitationDomains(ctx, request.caller.user, request.params.id, request.body),
  });
};
