import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../src-shared/api/primitives.js';
import { SsoLink } from '../../../src-shared/api/sso.js';
import { AccountUser, ActivationSent, CreateManagedUsers, ManagedUsersCreated } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { createManagedUsers, disableManagedUser, enableManagedUser, sendActivation, sendPasswordReset, viewAsManagedUser } from '../../domain/managed-users.js';
import { BEARER, requireSignIn } from '../auth.js';
import { baseUrlOf, UserParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Users the owner creates directly: activation, password reset, disable, and view the panel as them. */
export const managedUserRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.post('/accounts/:id/managed-users', {
    schema: {
      summary: 'Create one or more logins with a grant on this account, optionally mailing their activation',
      description: 'Without the activation mail a user stays pending_activation and cannot sign in. All or nothing.',
      tags: ['managed users'],
      security: BEARER,
      params: IdParams,
      body: CreateManagedUsers,
      response: { 201: ManagedUsersCreated, ...problemResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) => {
      const items = await createManagedUsers(ctx, request.caller.user, request.params.id, request.body, baseUrlOf(ctx, request));
      return reply.code(201).send({ items });
    },
  });

  /** Activation and password reset both mail the user a link of their own and answer when it went out. */
  const mailedLinkRoute = (path: string, summary: string, send: typeof sendActivation) =>
    app.post(`/accounts/:id/managed-users/:userId/${path}`, {
      schema: {
        summary,
        tags: ['managed users'],
        security: BEARER,
        params: UserParams,
        response: { 200: ActivationSent, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
      handler: async (request) => send(ctx, request.caller.user, request.params.id, request.params.userId, baseUrlOf(ctx, request)),
    });

  mailedLinkRoute('activation', '(Re)send the activation mail with a link to /panel/activate; only the newest link works', sendActivation);
  mailedLinkRoute('password-reset', 'Mail the user a link to choose a new password', sendPasswordReset);

  /** Disable and enable switch the login off or on and answer with the user as it is now. */
  const switchRoute = (path: string, summary: string, change: typeof disableManagedUser) =>
    app.post(`/accounts/:id/managed-users/:userId/${path}`, {
      schema: {
        summary,
        tags: ['managed users'],
        security: BEARER,
        params: UserParams,
        response: { 200: AccountUser, ...problemResponses(400, 401, 403, 404) },
      },
      handler: async (request) => change(ctx, request.caller.user, request.params.id, request.params.userId),
    });

  switchRoute('disable', 'Disable the login: it cannot sign in, and every session ends at once', disableManagedUser);
  switchRoute('enable', 'Enable a disabled login again', enableManagedUser);

  app.post('/accounts/:id/managed-users/:userId/view-as', {
    schema: {
      summary: 'Owner only: a one-time link into a read-only panel session as this user, marked and audited',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: SsoLink, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return viewAsManagedUser(ctx, request.caller.user, request.params.id, request.params.userId, baseUrlOf(ctx, request));
    },
  });
};
