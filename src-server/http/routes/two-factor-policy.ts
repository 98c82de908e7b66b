import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../src-shared/api/primitives.js';
import { SetTwoFactorPolicy, TwoFactorPolicy } from '../../../src-shared/api/two-factor.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { getTwoFactorPolicy, setTwoFactorPolicy } from '../../domain/two-factor-policy.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** The owner's policy "require two-factor sign-in for everyone with access", and who complies. */
export const twoFactorPolicyRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);
  const schema = { tags: ['two-factor'], security: BEARER, params: IdParams };

  app.get('/accounts/:id/two-factor-policy', {
    schema: {
      ...schema,
      summary: 'Whether the account requires two-factor sign-in, and who with access has it on (owner only)',
      response: { 200: TwoFactorPolicy, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => getTwoFactorPolicy(ctx, request.caller.user, request.params.id),
  });

  app.put('/accounts/:id/two-factor-policy', {
    schema: {
      ...schema,
      summary: 'Require two-factor sign-in of everyone with access, or stop requiring it (owner only, with two-factor sign-in on)',
      description: 'While it is on, a login without two-factor sign-in is refused every action on the account with 403 two_factor_required.',
      body: SetTwoFactorPolicy,
      response: { 200: TwoFactorPolicy, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => setTwoFactorPolicy(ctx, request.caller.user, request.params.id, request.body.required),
  });
};
