import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IncomingInvitationPage, InvitationAnswerResponse } from '../../../src-shared/api/invitations.js';
import { IdParams, PageQuery, INVITATION_ANSWERS } from '../../../src-shared/api/primitives.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { ClientAreaError } from '../../domain/errors.js';
import { answerInvitation, listIncoming } from '../../domain/invitations.js';
import { BEARER, requireSignIn } from '../auth.js';
import { withEtag } from '../etag.js';
import { problemResponses } from '../problem.js';

export const invitationRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/invitations', {
    schema: {
      summary: 'Invitations addressed to the caller (by email or customer number), pending first',
      tags: ['invitations'],
      security: BEARER,
      querystring: PageQuery,
      response: { 200: IncomingInvitationPage, 304: z.undefined(), ...problemResponses(400, 401) },
    },
    handler: async (request, reply) => {
      const all = await listIncoming(ctx.db, ctx.clock(), request.caller.user, request.query.updatedSince);
      // Incoming lists are short: an offset cursor keeps the "pending first" order simple.
      const offset = decodeOffset(request.query.cursor);
      const items = all.slice(offset, offset + request.query.limit);
      const next = offset + items.length;
      return withEtag(request, reply, { items, nextCursor: next < all.length ? Buffer.from(String(next)).toString('base64url') : null });
    },
  });

  for (const answer of INVITATION_ANSWERS) {
    app.post(`/invitations/:id/${answer}`, {
      schema: {
        summary: answer === 'accept' ? 'Accept an invitation (idempotent)' : 'Decline an invitation (idempotent)',
        tags: ['invitations'],
        security: BEARER,
        params: IdParams,
        response: { 200: InvitationAnswerResponse, ...problemResponses(400, 401, 404, 409) },
      },
      handler: async (request) => answerInvitation(ctx.db, ctx.clock(), request.caller.user, request.params.id, answer),
    });
  }
};

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) {
    throw new ClientAreaError('validation_failed', 400, 'The cursor is not one this server handed out. Start again without it.');
  }
  return n;
}
