import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetPasswordWithToken, VerifyEmail } from '../../../src-shared/api/team.js';
import { User } from '../../../src-shared/api/users.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { activateManagedUser, resetPasswordWithLink, verifyEmail } from '../../domain/user-links.js';
import { toApiUser } from '../../domain/users.js';
import { problemResponses } from '../problem.js';

/** The mailed links of a login, open to anyone holding the token: activation, password reset, email confirmation. */
export const userLinkRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
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
