import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SETTINGS } from '../config/settings.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { consumeSsoToken } from '../domain/sso.js';
import { hasTwoFactor } from '../domain/two-factor.js';
import { answerChallenge, issueChallenge } from '../domain/two-factor-sign-in.js';
import { csrfField, preSessionCsrfToken, validPreSessionCsrf, validSessionCsrf } from './csrf.js';
import { formOf } from './forms.js';
import { type Html, html } from './html.js';
import { clearCookie, cookie, safeNext, seeOther, sendPage, sendPanelError } from './responses.js';
import { checkPassword, closePanelSession, currentSession, openPanelSession } from './session.js';

const SSO_FAILURES = {
  unknown: 'This sign-in link is not valid. Open the panel again from Clientdeck to get a new one.',
  used: 'This sign-in link has already been used. Each link works once; open the panel again from Clientdeck.',
  expired: 'This sign-in link has expired (links work for 60 seconds). Open the panel again from Clientdeck.',
  no_access: 'You no longer have access to this account. Ask its owner if you think this is a mistake.',
} as const;

export interface SignInFormOptions {
  status?: number;
  error?: string | undefined;
  email?: string | undefined;
  next?: string | undefined;
  /** Shown above the form, e.g. what an invitation offers. */
  intro?: Html | undefined;
}

/** The sign-in form; also what any signed-in page shows (with 401) to a visitor who is not signed in. */
export function signInForm(request: FastifyRequest, reply: FastifyReply, options: SignInFormOptions = {}): Html {
  const token = preSessionCsrfToken(request, reply);
  const next = safeNext(options.next);
  return html`<form class="stack" method="post" action="/panel/sign-in" aria-label="Sign in">
${csrfField(token)}<input type="hidden" name="next" value="${next}">
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<label>Email <input type="email" name="email" autocomplete="username" required maxlength="254" value="${options.email ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit">Sign in</button>
</form>`;
}

export function sendSignInPage(request: FastifyRequest, reply: FastifyReply, options: SignInFormOptions = {}): FastifyReply {
  const form = signInForm(request, reply, options);
  return sendPage(reply, options.status ?? 200, 'Sign in', html`<h1>Sign in</h1>${options.intro ?? ''}${form}`);
}

interface CodePageOptions {
  challengeToken: string;
  next: string;
  status?: number;
  error?: string;
}

/** After the right password, a login with two-factor sign-in is asked for a code from its app or a backup code. */
function sendCodePage(request: FastifyRequest, reply: FastifyReply, options: CodePageOptions): FastifyReply {
  const token = preSessionCsrfToken(request, reply);
  return sendPage(
    reply,
    options.status ?? 200,
    'Two-factor sign-in',
    html`<h1>Two-factor sign-in</h1>
<form class="stack" method="post" action="/panel/sign-in/two-factor" aria-label="Two-factor code">
${csrfField(token)}<input type="hidden" name="next" value="${options.next}"><input type="hidden" name="challenge" value="${options.challengeToken}">
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<label>Code from your authenticator app, or a backup code <input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="20" autofocus></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** Sign-in by password or by a one-time SSO link, and sign-out. */
export function signInPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  app.get<{ Querystring: { next?: string } }>('/panel/sign-in', async (request, reply) => {
    const next = typeof request.query.next === 'string' ? request.query.next : undefined;
    if (await currentSession(ctx, request)) return seeOther(reply, safeNext(next));
    return sendSignInPage(request, reply, { next });
  });

  app.post('/panel/sign-in', async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    if (!validPreSessionCsrf(request, form.csrf)) {
      return sendSignInPage(request, reply, { status: 403, next, email: form.email, error: 'This form has expired. Please sign in again.' });
    }
    const check = await checkPassword(ctx, form.email ?? '', form.password ?? '', request.ip);
    if (!check.ok) {
      if (check.retryAfter) reply.header('retry-after', String(check.retryAfter));
      return sendSignInPage(request, reply, { status: check.status, next, email: form.email, error: check.message });
    }
    if (await hasTwoFactor(ctx.db, check.user.id)) {
      const { challengeToken } = await issueChallenge(ctx, check.user);
      return sendCodePage(request, reply, { challengeToken, next });
    }
    const panelToken = await openPanelSession(ctx.db, ctx.clock(), check.user.id);
    return seeOther(reply, next, [cookie(request, SETTINGS.panelCookie, panelToken, SETTINGS.panelSessionSeconds)]);
  });

  // The second step of a sign-in with two-factor: the challenge travels in the form, never in a cookie.
  app.post('/panel/sign-in/two-factor', async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    const challengeToken = form.challenge ?? '';
    if (!validPreSessionCsrf(request, form.csrf)) {
      return sendSignInPage(request, reply, { status: 403, next, error: 'This form has expired. Please sign in again.' });
    }
    const entered = (form.code ?? '').replace(/\s+/g, '');
    const factor = /^[0-9]{6}$/.test(entered) ? { code: entered } : { backupCode: entered.replace(/-/g, '').toLowerCase() };
    try {
      const user = await answerChallenge(ctx, challengeToken, factor);
      const panelToken = await openPanelSession(ctx.db, ctx.clock(), user.id);
      return seeOther(reply, next, [cookie(request, SETTINGS.panelCookie, panelToken, SETTINGS.panelSessionSeconds)]);
    } catch (error) {
      if (!(error instanceof ClientAreaError)) throw error;
      if (error.headers['retry-after']) reply.header('retry-after', error.headers['retry-after']);
      return sendCodePage(request, reply, { challengeToken, next, status: error.status, error: error.message });
    }
  });

  app.post('/panel/sign-out', async (request, reply) => {
    const session = await currentSession(ctx, request);
    const form = formOf(request);
    if (session) {
      if (!validSessionCsrf(session.token, form.csrf)) return sendPanelError(reply, 403, 'This form has expired', 'Reload the page and try again.');
      await closePanelSession(ctx.db, session.token);
    }
    return seeOther(reply, '/panel/sign-in', [clearCookie(request, SETTINGS.panelCookie)]);
  });

  app.get<{ Params: { token: string } }>('/panel/sso/:token', async (request, reply) => {
    const outcome = await consumeSsoToken(ctx.db, ctx.clock(), request.params.token);
    if (!outcome.ok) {
      return sendPanelError(reply, outcome.reason === 'no_access' ? 403 : 410, 'This link cannot be used', SSO_FAILURES[outcome.reason]);
    }
    return seeOther(reply, `/panel/accounts/${encodeURIComponent(outcome.accountId)}`, [
      cookie(request, SETTINGS.panelCookie, outcome.panelToken, SETTINGS.panelSessionSeconds),
    ]);
  });
}
