import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Contact, ContactInput, ContactList, ContactPatch } from '../../../src-shared/api/contacts.js';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { AccessGrant, OutgoingInvitation } from '../../../src-shared/api/team.js';
import { createContact, deleteContact, getContact, listContacts, promoteContact, updateContact } from '../../domain/contacts.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { baseUrlOf, ContactParams } from '../links.js';
import { problemResponses } from '../problem.js';
import { typedAnswer } from '../typed-answer.js';

/** Contacts: people on an account without a login, and the mails they choose (contacts.manage). */
export const contactRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/contacts', {
    schema: {
      summary: 'Contacts of the account and their mail preferences',
      tags: ['contacts'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: ContactList, 304: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) =>
      typedAnswer(reply, ContactList, withEtag(request, reply, await listContacts(ctx.db, request.caller.user, request.params.id, request.query))),
  });

  app.post('/accounts/:id/contacts', {
    schema: {
      summary: 'Add a contact',
      tags: ['contacts'],
      security: BEARER,
      params: IdParams,
      body: ContactInput,
      response: { 201: Contact, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) =>
      typedAnswer(reply.code(201), Contact, await createContact(ctx.db, ctx.clock(), request.caller.user, request.params.id, request.body)),
  });

  app.get('/accounts/:id/contacts/:contactId', {
    schema: {
      summary: 'One contact',
      tags: ['contacts'],
      security: BEARER,
      params: ContactParams,
      response: { 200: Contact, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => typedAnswer(reply, Contact, await getContact(ctx.db, request.caller.user, request.params.id, request.params.contactId)),
  });

  app.patch('/accounts/:id/contacts/:contactId', {
    schema: {
      summary: 'Change a contact or some of its mail preferences',
      tags: ['contacts'],
      security: BEARER,
      params: ContactParams,
      body: ContactPatch,
      response: { 200: Contact, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) =>
      typedAnswer(reply, Contact, await updateContact(ctx.db, ctx.clock(), request.caller.user, request.params.id, request.params.contactId, request.body)),
  });

  app.delete('/accounts/:id/contacts/:contactId', {
    schema: {
      summary: 'Remove a contact',
      tags: ['contacts'],
      security: BEARER,
      params: ContactParams,
      response: { 204: z.undefined(), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      await deleteContact(ctx.db, ctx.clock(), request.caller.user, request.params.id, request.params.contactId);
      return reply.code(204).send();
    },
  });

  app.post('/accounts/:id/contacts/:contactId/promote', {
    schema: {
      summary: 'Invite the contact as a user with the chosen grant (an invitation to the contact’s email)',
      tags: ['contacts'],
      security: BEARER,
      params: ContactParams,
      body: AccessGrant,
      response: { 201: OutgoingInvitation, ...problemResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) => {
      const invitation = await promoteContact(ctx, request.caller.user, request.params.id, request.params.contactId, request.body, baseUrlOf(ctx, request));
      return reply.code(201).send(invitation);
    },
  });
};
