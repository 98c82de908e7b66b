import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Account, AccountPage, QUIET_TAG_DESCRIPTION, QuietTagHeaders } from '../../../src-shared/api/accounts.js';
import { IdParams, PageQuery } from '../../../src-shared/api/primitives.js';
import { accountListState, readAccount, readAccountPage } from '../../domain/accounts.js';
import type { ClientAreaContext } from '../../domain/context.js';
import { BEARER, requireSignIn } from '../auth.js';
import { PageTags, withEtag } from '../etag.js';
import { problemResponses } from '../problem.js';
import { textAnswer } from '../typed-answer.js';

/** The bytes of a page with nothing in it, as `readAccountPage` writes them. */
const EMPTY_PAGE = JSON.stringify({ items: [], nextCursor: null } satisfies AccountPage);

export const accountRoutes: FastifyPluginAsyncZod<{ ctx: ClientAreaContext }> = async (app, { ctx }) => {
  requireSignIn(app, ctx);
  const tags = new PageTags();

  app.get('/accounts', {
    schema: {
      summary: 'Accounts the caller can reach, with role, permissions, scope and summary counts',
      description: QUIET_TAG_DESCRIPTION,
      tags: ['accounts'],
      security: BEARER,
      querystring: PageQuery,
      response: { 200: AccountPage, 304: z.undefined(), ...problemResponses(400, 401) },
      responseHeaders: { 200: QuietTagHeaders },
    },
    handler: async (request, reply) => {
      // A re-sync with nothing changed gets 304 and no account data; while nothing was written
      // since the page was last built, it costs no page query either. Only a request naming the
      // page's known tag reads the state alone first; any other gets the state with its page.
      const now = ctx.clock();
      const userId = request.caller.user.id;
      const { limit, cursor, updatedSince } = request.query;
      const pageKey = (since: string | null, from = cursor ?? null) => JSON.stringify([userId, limit, from, since]);
      const key = pageKey(updatedSince ?? null);
      if (tags.known(request, key) && tags.current(request, reply, key, await accountListState(ctx.db, now))) return reply.code(304).send();
      const built = await readAccountPage(ctx.db, now, userId, request.query);
      tags.built(request, key, built.state);
      if (updatedSince === undefined) {
        const quiet = tags.walked(JSON.stringify([userId, limit]), cursor ?? null, built.state, built, (since) => pageKey(since, null), EMPTY_PAGE);
        if (quiet) reply.header('quiet-etag', quiet.etag).header('quiet-since', quiet.updatedSince);
      }
      return textAnswer(reply, AccountPage, withEtag(request, reply, built.text));
    },
  });

  app.get('/accounts/:id', {
    schema: {
      summary: 'One account, if the caller can reach it',
      tags: ['accounts'],
      security: BEARER,
      params: IdParams,
      response: { 200: Account, ...problemResponses(400, 401, 404) },
    },
    handler: async (request, reply) => {
      return textAnswer(reply, Account, await readAccount(ctx.db, ctx.clock(), request.caller.user.id, request.params.id));
    },
  });
};
