import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConfirmTwoFactor, DisableTwoFactor, TwoFactorEnabled, TwoFactorEnrolment, TwoFactorStatus } from '../../../src-shared/api/two-factor.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { confirmEnrolment, disableTwoFactor, startEnrolment, twoFactorStatus } from '../../domain/two-factor.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** The caller's own two-factor sign-in: status, enrolment and its confirmation, turning it off. */
export const twoFactorRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);
  const schema = { tags: ['two-factor'], security: BEARER };

  app.get('/me/two-factor', {
    schema: {
      ...schema,
      summary: 'Whether you sign in with a second factor, and how many backup codes are left',
      response: { 200: TwoFactorStatus, ...problemResponses(401) },
    },
    handler: async (request) => twoFactorStatus(ctx.db, request.caller.user.id),
  });

  app.post('/me/two-factor/enrolment', {
    schema: {
      ...schema,
      summary: 'Start enrolling an authenticator app: a new secret as otpauth URI and QR code (off until confirmed)',
      response: { 201: TwoFactorEnrolment, ...problemResponses(401, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(await startEnrolment(ctx, request.caller.user)),
  });

  app.post('/me/two-factor/confirmation', {
    schema: {
      ...schema,
      summary: 'Turn two-factor sign-in on with a first code from the app; answers the ten backup codes, shown this once',
      body: ConfirmTwoFactor,
      response: { 200: TwoFactorEnabled, ...problemResponses(400, 401, 409, 429) },
    },
    handler: async (request) => confirmEnrolment(ctx, request.caller.user, request.body.code),
  });

  app.post('/me/two-factor/disable', {
    schema: {
      ...schema,
      summary: 'Turn two-factor sign-in off with your password and a current code or a backup code',
      body: DisableTwoFactor,
      response: { 204: z.undefined(), ...problemResponses(400, 401, 409, 429) },
    },
    handler: async (request, reply) => {
      await disableTwoFactor(ctx, request.caller.user, request.body.password, request.body);
      return reply.code(204).send();
    },
  });
};
