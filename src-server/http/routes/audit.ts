import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage } from '../../../src-shared/api/activity.js';
import { IdParams, PageQuery, Timestamp } from '../../../src-shared/api/primitives.js';
import { auditCsv, listAudit } from '../../domain/audit.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { problemResponses } from '../problem.js';

/** The audit trail of an account's access changes, as pages and as one CSV. */
export const auditRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);

  app.get('/accounts/:id/audit', {
    schema: {
      summary: 'Access changes, SSO and view-as on the account, newest first (owner and admins)',
      tags: ['audit'],
      security: BEARER,
      params: IdParams,
      querystring: PageQuery,
      response: { 200: AuditPage, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => listAudit(ctx.db, request.caller.user, request.params.id, request.query),
  });

  app.get('/accounts/:id/audit.csv', {
    schema: {
      summary: 'The whole audit trail as CSV (owner and admins)',
      tags: ['audit'],
      security: BEARER,
      params: IdParams,
      querystring: z.object({ updatedSince: Timestamp.optional() }).strict(),
      response: {
        200: { description: 'RFC 4180 CSV, newest first', content: { 'text/csv': { schema: z.string() } } },
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const csv = await auditCsv(ctx.db, request.caller.user, request.params.id, request.query.updatedSince);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${request.params.id.replace(/[^\w-]/g, '')}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  });
};
