import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '../../src-shared/api/permissions.js';
import { approveAccessRequest, declineAccessRequest } from '../domain/access-request-answers.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { accountPath, requireAccountView } from './account-pages.js';
import { chromeFor } from './chrome.js';
import { validSessionCsrf } from './csrf.js';
import { PERMISSION_FIELD } from './access-request-section.js';
import { formOf } from './forms.js';
import { seeOther, sendPanelError } from './responses.js';

/** The answers posted from the dashboard; each goes through the same domain rules as the API. */
export function accessRequestPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  for (const answer of ['approve', 'decline'] as const) {
    app.post<{ Params: { id: string; requestId: string } }>(`/panel/accounts/:id/access-requests/:requestId/${answer}`, async (request, reply) => {
      const view = await requireAccountView(ctx, request, reply, request.params.id);
      if (!view) return reply;
      const form = formOf(request);
      const chrome = chromeFor(view.session, view);
      if (!validSessionCsrf(view.session.token, form.csrf))
        return sendPanelError(reply, 403, 'This form has expired', 'Reload the page and answer again.', chrome);
      try {
        if (answer === 'decline') await declineAccessRequest(ctx, view.session.viewer, view.account.id, request.params.requestId);
        else {
          const permissions = PERMISSIONS.filter((p) => form[`${PERMISSION_FIELD}${p}`] === 'on');
          if (permissions.length === 0) return sendPanelError(reply, 400, 'Nothing to give', 'Tick at least one permission, or decline the request.', chrome);
          await approveAccessRequest(ctx, view.session.viewer, view.account.id, request.params.requestId, { permissions });
        }
      } catch (error) {
        if (!(error instanceof ClientAreaError)) throw error;
        return sendPanelError(reply, error.status, 'This did not work', error.message, chrome);
      }
      return seeOther(reply, accountPath(view.account.id));
    });
  }
}
