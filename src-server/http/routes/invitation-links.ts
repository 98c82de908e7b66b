import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvitationAnswerResponse } from '../../../src-shared/api/invitations.js';
import { RedeemInvitation, SignupAccepted, SignupRequest, SignupResponse } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { redeemInvitation, signup } from '../../domain/invitation-links.js';
import { requestSignup } from '../../domain/sign-up.js';
import { BEARER, requireSignIn } from '../auth.js';
import { baseUrlOf } from '../links.js';
import { problemResponses } from '../problem.js';

/** Getting in by an invitation's mailed link: signing up (and accepting in the same step), or redeeming it. */
export const invitationLinkRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.post('/signup', {
    schema: {
      summary: 'Create a login; with invitationToken it is signed in at once and the invitation accepted in the same step',
      description:
        'Without invitationToken the answer is 202 whether or not the email already has a login (that mailbox is told instead): confirm the address with the mailed link, then sign in with POST /session.',
      tags: ['session'],
      body: SignupRequest,
      response: { 201: SignupResponse, 202: SignupAccepted, ...problemResponses(400, 403, 409, 410, 429) },
    },
    handler: async (request, reply) => {
      const { invitationToken, ...plain } = request.body;
      if (invitationToken === undefined) return reply.code(202).send(await requestSignup(ctx, plain, baseUrlOf(ctx, request), request.ip));
      return reply.code(201).send(await signup(ctx, { ...plain, invitationToken }, request.ip));
    },
  });

  // Redeeming answers for the login that follows the link, so it needs that login signed in.
  const signedIn: FastifyPluginAsyncZod = async (scope) => {
    requireSignIn(scope, ctx);
    scope.post('/invitations/redeem', {
      schema: {
        summary: 'Accept an invitation by the token of its mailed link; the caller must be the invited login',
        tags: ['invitations'],
        security: BEARER,
        body: RedeemInvitation,
        response: { 200: InvitationAnswerResponse, ...problemResponses(400, 401, 403, 409, 410) },
      },
      handler: async (request) => redeemInvitation(ctx, request.caller.user, request.body.token),
    });
  };
  await app.register(signedIn);
};
