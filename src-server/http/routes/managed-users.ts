import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, SsoLink } from '../../../src-shared/api/schemas.js';
import { AccountUser, ActivationSent, CreateManagedUsers, ManagedUsersCreated } from '../../../src-shared/api/team.js';
import type { ClientAreaContext } from '../../domain/context.js';
import {
  createManagedUsers,
  disableManagedUser,
  enableManagedUser,
  sendActivation,
  sendPasswordReset,
  viewAsManagedUser,
} from '../../domain/managed-users.js';
import { BEARER, requireCaller } from '../auth.js';
import { baseUrlOf, UserParams } from '../links.js';
import { problemResponses } from '../problem.js';

/** Users the owner creates directly: activation, password reset, disable, and view the panel as them. */
export const managedUserRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  app.post('/api/v1/accounts/:id/managed-users', {
    schema: {
      summary: 'Create one or more logins with a grant on this account, optionally mailing their activation',
      description: 'Without the activation mail a user stays pending_activation and cannot sign in. All or nothing.',
      tags: ['managed users'],
      security: BEARER,
      params: IdParams,
      body: CreateManagedUsers,
      response: { 201: ManagedUsersCreated, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const caller = await requireCaller(ctx, request);
      const items = await createManagedUsers(ctx, caller.user, request.params.id, request.body, baseUrlOf(ctx, request));
      return reply.code(201).send({ items });
    },
  });

  app.post('/api/v1/accounts/:id/managed-users/:userId/activation', {
    schema: {
      summary: '(Re)send the activation mail with a link to /panel/activate; only the newest link works',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: ActivationSent, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const caller = await requireCaller(ctx, request);
      return sendActivation(ctx, caller.user, request.params.id, request.params.userId, baseUrlOf(ctx, request));
    },
  });

  app.post('/api/v1/accounts/:id/managed-users/:userId/password-reset', {
    schema: {
      summary: 'Mail the user a link to choose a new password',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: ActivationSent, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => {
      const caller = await requireCaller(ctx, request);
      return sendPasswordReset(ctx, caller.user, request.params.id, request.params.userId, baseUrlOf(ctx, request));
    },
  });

  app.post('/api/v1/accounts/:id/managed-users/:userId/disable', {
    schema: {
      summary: 'Disable the login: it cannot sign in, and every session ends at once',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: AccountUser, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => disableManagedUser(ctx, (await requireCaller(ctx, request)).user, request.params.id, request.params.userId),
  });

  app.post('/api/v1/accounts/:id/managed-users/:userId/enable', {
    schema: {
      summary: 'Enable a disabled login again',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: AccountUser, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => enableManagedUser(ctx, (await requireCaller(ctx, request)).user, request.params.id, request.params.userId),
  });

  app.post('/api/v1/accounts/:id/managed-users/:userId/view-as', {
    schema: {
      summary: 'Owner only: a one-time link into a read-only panel session as this user, marked and audited',
      tags: ['managed users'],
      security: BEARER,
      params: UserParams,
      response: { 200: SsoLink, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const caller = await requireCaller(ctx, request);
      reply.header('cache-control', 'no-store');
      return viewAsManagedUser(ctx, caller.user, request.params.id, request.params.userId, baseUrlOf(ctx, request));
    },
  });
};
