import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  AdminAccount,
  AdminCreateAccount,
  AdminCreateDomain,
  AdminCreateInvoice,
  AdminCreateService,
  AdminCreateUser,
  AdminCreated,
} from '../../../src-shared/api/admin.js';
import { IdParams } from '../../../src-shared/api/primitives.js';
import { User } from '../../../src-shared/api/users.js';
import { OutboxPage, OutboxQuery } from '../../../src-shared/api/mail.js';
import { createAccount } from '../../domain/accounts.js';
import { listOutbox } from '../../mail/outbox.js';
import { addDomain, addInvoice, addService } from '../../domain/purchases.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { createUser, toApiUser } from '../../domain/users.js';
import { requireAdmin } from '../auth.js';
import { problemResponses } from '../problem.js';

const ADMIN = [{ adminKey: [] }];

/** Provider administration: create logins, accounts and what customers bought (demo data, tests, benchmarks). */
export const adminRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  // onRequest, before the body is even parsed: without the key nothing else is looked at.
  app.addHook('onRequest', async (request) => requireAdmin(ctx, request));

  app.post('/admin/users', {
    schema: {
      summary: 'Create a login',
      tags: ['admin'],
      security: ADMIN,
      body: AdminCreateUser,
      response: { 201: User, ...problemResponses(400, 401, 409) },
    },
    handler: async (request, reply) => {
      const row = await createUser(ctx.db, ctx.clock(), { ...request.body, policy: ctx.passwordPolicy });
      return reply.code(201).send(toApiUser(row));
    },
  });

  app.post('/admin/accounts', {
    schema: {
      summary: 'Create an account with an existing login as its owner',
      tags: ['admin'],
      security: ADMIN,
      body: AdminCreateAccount,
      response: { 201: AdminAccount, ...problemResponses(400, 401, 404) },
    },
    handler: async (request, reply) => {
      const row = await createAccount(ctx.db, ctx.clock(), request.body);
      return reply.code(201).send({ id: row.id, name: row.name, ownerId: row.owner_id, createdAt: row.created_at });
    },
  });

  // What a customer bought: services, domains, invoices.
  const purchase = <S extends z.ZodType>(
    what: string,
    body: S,
    add: (db: ClientAreaContext['db'], now: Date, accountId: string, input: z.output<S>, mailer: ClientAreaContext['mailer']) => Promise<string>,
  ) =>
    app.post(`/admin/accounts/:id/${what}`, {
      schema: {
        summary: `Add ${what} to an account (mails the owner and the contacts who chose ${what} mail)`,
        tags: ['admin'],
        security: ADMIN,
        params: IdParams,
        body,
        response: { 201: AdminCreated, ...problemResponses(400, 401, 404) },
      },
      handler: async (request, reply) => {
        const id = await add(ctx.db, ctx.clock(), request.params.id, request.body as z.output<S>, ctx.mailer);
        return reply.code(201).send({ id });
      },
    });
  purchase('services', AdminCreateService, addService);
  purchase('domains', AdminCreateDomain, addDomain);
  purchase('invoices', AdminCreateInvoice, addInvoice);

  app.get('/admin/outbox', {
    schema: {
      summary: 'Every mail the client area wrote, newest first (filter by recipient or account)',
      tags: ['admin'],
      security: ADMIN,
      querystring: OutboxQuery,
      response: { 200: OutboxPage, ...problemResponses(400, 401) },
    },
    handler: async (request) => listOutbox(ctx.db, request.query),
  });
};
