import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SETTINGS } from '../config/settings.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { activateManagedUser, describeUserLink, type LinkPurpose, resetPasswordWithLink, verifyEmail } from '../domain/user-links.js';
import { csrfField, preSessionCsrfToken, validPreSessionCsrf } from './csrf.js';
import { formOf } from './forms.js';
import { html } from './html.js';
import { cookie, seeOther, sendPage } from './responses.js';
import { openPanelSession } from './session.js';
import { passwordPolicyWords } from './words.js';

const DEAD = {
  activation:
    'This activation link is not valid any more: it was used, replaced by a newer mail, or has expired. Ask the account owner to send the activation again.',
  password_reset: 'This password link is not valid any more: it was used, replaced by a newer mail, or has expired. Ask for a new one.',
  email_verification: 'This confirmation link is not valid any more: it was used, replaced by a newer mail, or has expired.',
} as const satisfies Record<LinkPurpose, string>;

const PASSWORD_PAGES = {
  activation: { path: '/panel/activate', title: 'Activate your login', button: 'Set password and activate' },
  password_reset: { path: '/panel/reset-password', title: 'Choose a new password', button: 'Set new password' },
} as const;

const tokenOf = (value: unknown) => (typeof value === 'string' && value.length >= 16 && value.length <= 256 ? value : undefined);

/**
 * The pages mailed one-time links open: activation of a managed user and password reset (set a
 * password under the provider's policy), and email confirmation. A GET only shows; the change
 * happens on the form's POST, so a mail scanner that follows links uses nothing up.
 */
export function userLinkPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  for (const purpose of ['activation', 'password_reset'] as const) {
    const spec = PASSWORD_PAGES[purpose];

    const show = async (request: FastifyRequest, reply: FastifyReply, token: string | undefined, status = 200, error?: string) => {
      const link = token ? await describeUserLink(ctx.db, ctx.clock(), token, purpose) : { valid: false as const };
      if (!token || !link.valid || !link.user) {
        return sendPage(reply, 410, 'Link not valid', html`<h1>This link cannot be used</h1><p>${DEAD[purpose]}</p>`);
      }
      const csrf = csrfField(preSessionCsrfToken(request, reply));
      return sendPage(
        reply,
        status,
        spec.title,
        html`<h1>${spec.title}</h1>
<p>For ${link.user.name} (${link.user.email}).</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${spec.path}" class="stack" aria-label="${spec.title}">
${csrf}<input type="hidden" name="token" value="${token}">
<input type="email" name="username" value="${link.user.email}" autocomplete="username" readonly hidden>
<label>New password <input type="password" name="password" autocomplete="new-password" required maxlength="1024"></label>
<label>New password again <input type="password" name="confirm" autocomplete="new-password" required maxlength="1024"></label>
<p class="muted">${passwordPolicyWords(ctx.passwordPolicy)}</p>
<button type="submit">${spec.button}</button>
</form>`,
      );
    };

    app.get<{ Querystring: { token?: string } }>(spec.path, async (request, reply) => show(request, reply, tokenOf(request.query.token)));

    app.post(spec.path, async (request, reply) => {
      const form = formOf(request);
      const token = tokenOf(form.token);
      if (!validPreSessionCsrf(request, form.csrf)) return show(request, reply, token, 403, 'This form has expired. Please try again.');
      if (!token) return show(request, reply, token);
      if ((form.password ?? '') !== (form.confirm ?? '')) return show(request, reply, token, 400, 'The two passwords are not the same.');
      try {
        if (purpose === 'activation') {
          const user = await activateManagedUser(ctx, token, form.password ?? '');
          const panelToken = await openPanelSession(ctx.db, ctx.clock(), user.id);
          return seeOther(reply, '/panel', [cookie(request, SETTINGS.panelCookie, panelToken, SETTINGS.panelSessionSeconds)]);
        }
        await resetPasswordWithLink(ctx, token, form.password ?? '');
        return sendPage(
          reply,
          200,
          'Password changed',
          html`<h1>Password changed</h1><p class="notice">Your new password is set, and every other session of your login has ended.</p><p><a href="/panel/sign-in">Sign in</a></p>`,
        );
      } catch (error) {
        if (!(error instanceof ClientAreaError)) throw error;
        return show(request, reply, token, error.status, error.message);
      }
    });
  }

  app.get<{ Querystring: { token?: string } }>('/panel/verify-email', async (request, reply) => {
    const token = tokenOf(request.query.token);
    const link = token ? await describeUserLink(ctx.db, ctx.clock(), token, 'email_verification') : { valid: false as const };
    if (!token || !link.valid || !link.user)
      return sendPage(reply, 410, 'Link not valid', html`<h1>This link cannot be used</h1><p>${DEAD.email_verification}</p>`);
    const csrf = csrfField(preSessionCsrfToken(request, reply));
    return sendPage(
      reply,
      200,
      'Confirm your email',
      html`<h1>Confirm your email</h1><p>Confirm that ${link.user.email} is your address.</p>
<form method="post" action="/panel/verify-email" aria-label="Confirm your email">${csrf}<input type="hidden" name="token" value="${token}"><button type="submit">Confirm</button></form>`,
    );
  });

  app.post('/panel/verify-email', async (request, reply) => {
    const form = formOf(request);
    const token = tokenOf(form.token);
    if (!token || !validPreSessionCsrf(request, form.csrf)) return seeOther(reply, `/panel/verify-email?token=${encodeURIComponent(token ?? '')}`);
    try {
      const user = await verifyEmail(ctx, token);
      return sendPage(
        reply,
        200,
        'Email confirmed',
        html`<h1>Email confirmed</h1><p class="notice">${user.email} is confirmed. Invitations sent to it can now be answered.</p><p><a href="/panel">Your accounts</a></p>`,
      );
    } catch (error) {
      if (!(error instanceof ClientAreaError)) throw error;
      return sendPage(reply, error.status, 'Link not valid', html`<h1>This link cannot be used</h1><p>${error.message}</p>`);
    }
  });
}
