import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RefreshRequest, SessionRequest, SessionResponse } from '../../../src-shared/api/session.js';
import { CompleteTwoFactorSignIn, SignInOutcome } from '../../../src-shared/api/two-factor.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { issueSession, refreshSession, signIn, signOut } from '../../domain/sessions.js';
import { answerChallenge } from '../../domain/two-factor-sign-in.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

export const sessionRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.post('/session', {
    schema: {
      summary: 'Sign in with email and password',
      description:
        'A login with two-factor sign-in gets `{ twoFactorRequired: true, challengeToken }` instead of tokens: answer it at POST /session/two-factor within `expiresIn` seconds.',
      tags: ['session'],
      body: SessionRequest,
      response: { 200: SignInOutcome, ...problemResponses(400, 401, 403, 429) },
    },
    handler: async (request) => signIn(ctx, request.body.email, request.body.password, request.ip),
  });

  app.post('/session/two-factor', {
    schema: {
      summary: 'Complete a two-factor sign-in with a current code or one backup code (the challenge works once)',
      tags: ['session'],
      body: CompleteTwoFactorSignIn,
      response: { 200: SessionResponse, ...problemResponses(400, 401, 429) },
    },
    handler: async (request) => issueSession(ctx, await answerChallenge(ctx, request.body.challengeToken, request.body)),
  });

  app.post('/session/refresh', {
    schema: {
      summary: 'Rotate the tokens of a session (the refresh token sent stops working)',
      tags: ['session'],
      body: RefreshRequest,
      response: { 200: SessionResponse, ...problemResponses(400, 401) },
    },
    handler: async (request) => refreshSession(ctx, request.body.refreshToken),
  });

  // Signing out needs the session it ends; signing in and refreshing are open.
  const signedIn: FastifyPluginAsyncZod = async (scope) => {
    requireSignIn(scope, ctx);
    scope.delete('/session', {
      schema: {
        summary: 'Sign out: the access and refresh token of this session stop working',
        tags: ['session'],
        security: BEARER,
        response: { 204: z.undefined(), ...problemResponses(401) },
      },
      handler: async (request, reply) => {
        await signOut(ctx, request.caller);
        return reply.code(204).send();
      },
    });
  };
  await app.register(signedIn);
};
