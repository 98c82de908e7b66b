import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvitationAnswerResponse } from '../../../src-shared/api/invitations.js';
import { User } from '../../../src-shared/api/users.js';
import { RedeemInvitation, SetPasswordWithToken, SignupRequest, SignupResponse, VerifyEmail } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { redeemInvitation, signup } from '../../domain/invitation-links.js';
import { activateManagedUser, resetPasswordWithLink, verifyEmail } from '../../domain/user-links.js';
import { toApiUser } from '../../domain/users.js';
import { BEARER, requireSignIn } from '../auth.js';
import { baseUrlOf } from '../links.js';
import { problemResponses } from '../problem.js';

/** Getting in: sign-up, accepting by mailed link, activation, password reset and email confirmation. */
export const onboardingRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.post('/signup', {
    schema: {
      summary: 'Create a login (signed in at once); with invitationToken, the invitation is accepted in the same step',
      tags: ['session'],
      body: SignupRequest,
      response: { 201: SignupResponse, ...problemResponses(400, 403, 409, 410) },
    },
    handler: async (request, reply) => reply.code(201).send(await signup(ctx, request.body, baseUrlOf(ctx, request))),
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
      handler: async (request) => {
        return redeemInvitation(ctx, request.caller.user, request.body.token);
      },
    });
  };
  await app.register(signedIn);

  app.post('/activation', {
    schema: {
      summary: 'Activate a managed user with the token of the activation mail and a password under the policy',
      tags: ['session'],
      body: SetPasswordWithToken,
      response: { 200: User, ...problemResponses(400, 410) },
    },
    handler: async (request) => toApiUser(await activateManagedUser(ctx, request.body.token, request.body.password)),
  });

  app.post('/password-reset', {
    schema: {
      summary: 'Set a new password with the token of a password mail; every session of the login ends',
      tags: ['session'],
      body: SetPasswordWithToken,
      response: { 200: User, ...problemResponses(400, 410) },
    },
    handler: async (request) => toApiUser(await resetPasswordWithLink(ctx, request.body.token, request.body.password)),
  });

  app.post('/email-verification', {
    schema: {
      summary: 'Confirm the login’s email with the token of the confirmation mail',
      tags: ['session'],
      body: VerifyEmail,
      response: { 200: User, ...problemResponses(400, 410) },
    },
    handler: async (request) => toApiUser(await verifyEmail(ctx, request.body.token)),
  });
};
