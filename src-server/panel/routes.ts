import type { FastifyError, FastifyInstance } from 'fastify';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { storageProblem } from '../http/problem.js';
import { accessRequestPages } from './access-request-pages.js';
import { accountPages } from './account-pages.js';
import { devMailPages } from './dev-mail-pages.js';
import { installFormParser } from './forms.js';
import { STYLESHEET, STYLESHEET_PATH } from './html.js';
import { invitationPages } from './invitation-pages.js';
import { SECURITY_HEADERS, sendPanelError } from './responses.js';
import { currentSession } from './session.js';
import { signInPages } from './sign-in-pages.js';
import { ticketPages } from './ticket-pages.js';
import { userLinkPages } from './user-link-pages.js';

export { sendPanelError } from './responses.js';

export interface PanelOptions {
  ctx: ClientAreaContext;
  /** Development tools: the mail viewer (config/panel.ts). */
  devTools?: boolean;
  /** Whether mails also leave by SMTP (the mail viewer says so). */
  sendsSmtp?: boolean;
  /** The store, named in the log when a write fails for lack of space or permission. */
  databaseLocation?: string;
}

/** Posts a view-as session may still make: ending the view. */
const VIEW_AS_ALLOWED_POSTS = new Set(['/panel/sign-out']);

/**
 * The server-rendered panel (docs/ARCHITECTURE.md §10): sign-in, account chooser and switcher, the account
 * dashboard, tickets, the invitation accept page, the pages of mailed links and the development
 * mail viewer. No page runs a script; every form posts with a CSRF token; every page says whose
 * account it shows and as what; access is checked again on every request.
 */
export async function panelRoutes(
  app: FastifyInstance,
  { ctx, devTools = false, sendsSmtp = false, databaseLocation = 'the database' }: PanelOptions,
): Promise<void> {
  // Pages are not part of the API: keep them out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  installFormParser(app);

  // Errors of panel pages are pages too, never JSON; details of a failure stay in the log.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const unavailable = storageProblem(error, request, databaseLocation);
    if (unavailable) return sendPanelError(reply, unavailable.status, unavailable.title, unavailable.detail ?? '');
    const status = error instanceof ClientAreaError ? error.status : typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'panel page failed');
      return sendPanelError(reply, 500, 'Something went wrong', 'The page could not be shown. Try again in a moment.');
    }
    const message = error instanceof ClientAreaError ? error.message : 'The request could not be understood. Reload the page and try again.';
    return sendPanelError(reply, status, 'This did not work', message);
  });

  // A view-as session is read-only: every change is refused before any handler runs.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const path = request.url.split('?')[0] ?? '';
    if (VIEW_AS_ALLOWED_POSTS.has(path)) return;
    const session = await currentSession(ctx, request);
    if (session?.impersonator) {
      return sendPanelError(
        reply,
        403,
        'Read-only view',
        `You are viewing the panel as ${session.viewer.name}; changes are not possible in this view. End the view to act as yourself.`,
      );
    }
  });

  app.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'public, max-age=3600' })
      .type('text/css; charset=utf-8')
      .send(STYLESHEET),
  );

  signInPages(app, ctx);
  accountPages(app, ctx);
  accessRequestPages(app, ctx);
  ticketPages(app, ctx);
  invitationPages(app, ctx);
  userLinkPages(app, ctx);
  devMailPages(app, ctx, { enabled: devTools, sendsSmtp });
}
