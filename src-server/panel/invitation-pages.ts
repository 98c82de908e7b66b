import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SETTINGS } from '../config/settings.js';
import { isInvalidCharactersIssue } from '../../src-shared/api/human-text.js';
import { Name } from '../../src-shared/api/primitives.js';
import type { ClientAreaContext } from '../domain/context.js';
import { ClientAreaError } from '../domain/errors.js';
import { describeInvitationByToken, type InvitationPreview, redeemInvitation, signupAndRedeem } from '../domain/invitation-links.js';
import { accountPath } from './account-pages.js';
import { chromeFor } from './chrome.js';
import { csrfField, preSessionCsrfToken, sessionCsrfToken, validPreSessionCsrf, validSessionCsrf } from './csrf.js';
import { formOf } from './forms.js';
import { type Html, html } from './html.js';
import { cookie, seeOther, sendPage } from './responses.js';
import { currentSession, openPanelSession, type PanelSession } from './session.js';
import { signInForm } from './sign-in-pages.js';
import { PERMISSION_LABELS, passwordPolicyWords, scopeWords } from './words.js';

const ACCEPT_PATH = '/panel/invitations/accept';
const TOKEN_MAX = 256;

const STATUS_WORDS = {
  accepted: 'This invitation has already been accepted.',
  declined: 'This invitation was declined.',
  cancelled: 'This invitation was cancelled by the account. Ask the owner for a new one if you still need access.',
  expired: 'This invitation has expired (invitations work for 7 days). Ask the owner to send it again.',
} as const;

const acceptUrl = (token: string) => `${ACCEPT_PATH}?token=${encodeURIComponent(token)}`;

/**
 * The page a mailed invitation link opens (docs/ARCHITECTURE.md §9): what is offered and by whom; then, for the
 * invited login, Accept and Decline; for a visitor, sign-in (a login with that email exists) or
 * sign-up (none does), after which the invitation is accepted.
 */
export function invitationPages(app: FastifyInstance, ctx: ClientAreaContext): void {
  app.get<{ Querystring: { token?: string } }>(ACCEPT_PATH, async (request, reply) => {
    const token = tokenFrom(request.query.token);
    return showInvitation(request, reply, token);
  });

  app.post(`${ACCEPT_PATH}/answer`, async (request, reply) => {
    const form = formOf(request);
    const token = tokenFrom(form.token);
    const session = await currentSession(ctx, request);
    if (!session) return showInvitation(request, reply, token, { status: 401, error: 'Sign in first, then answer the invitation.' });
    if (!validSessionCsrf(session.token, form.csrf))
      return showInvitation(request, reply, token, { status: 403, error: 'This form has expired. Please try again.' });
    const answer = form.answer === 'decline' ? 'decline' : form.answer === 'accept' ? 'accept' : undefined;
    if (!answer || !token) return showInvitation(request, reply, token, { status: 400, error: 'Choose Accept or Decline.' });
    try {
      const outcome = await redeemInvitation(ctx, session.viewer, token, answer);
      if (answer === 'accept' && outcome.account) return seeOther(reply, accountPath(outcome.account.id));
      return sendPage(
        reply,
        200,
        'Invitation declined',
        html`<h1>Invitation declined</h1><p>You declined the invitation to ${outcome.invitation.account.name}. Its owner can see that you declined.</p><p><a href="/panel">Your accounts</a></p>`,
        chromeFor(session),
      );
    } catch (error) {
      if (!(error instanceof ClientAreaError)) throw error;
      return showInvitation(request, reply, token, { status: error.status, error: error.message });
    }
  });

  app.post(`${ACCEPT_PATH}/sign-up`, async (request, reply) => {
    const form = formOf(request);
    const token = tokenFrom(form.token);
    if (!validPreSessionCsrf(request, form.csrf))
      return showInvitation(request, reply, token, { status: 403, error: 'This form has expired. Please try again.', name: form.name });
    const preview = token ? await describeInvitationByToken(ctx, token) : undefined;
    if (!token || !preview?.email) return showInvitation(request, reply, token);
    if ((form.password ?? '') !== (form.confirm ?? '')) {
      return showInvitation(request, reply, token, { status: 400, error: 'The two passwords are not the same.', name: form.name });
    }
    // The API's own rule for names (human text: no line breaks or control characters, direction controls removed).
    const parsed = Name.safeParse(form.name ?? '');
    if (!parsed.success) {
      const characters = parsed.error.issues.find((issue) => issue.code === 'custom' && isInvalidCharactersIssue(issue.params));
      return showInvitation(request, reply, token, {
        status: characters ? 422 : 400,
        error: characters ? characters.message : 'Enter your name (up to 200 characters).',
        name: form.name,
      });
    }
    const name = parsed.data;
    try {
      const { user, answer } = await signupAndRedeem(ctx, { email: preview.email, name, password: form.password ?? '', invitationToken: token }, request.ip);
      const panelToken = await openPanelSession(ctx.db, ctx.clock(), user.id);
      const target = answer?.account ? accountPath(answer.account.id) : '/panel';
      return seeOther(reply, target, [cookie(request, SETTINGS.panelCookie, panelToken, SETTINGS.panelSessionSeconds)]);
    } catch (error) {
      if (!(error instanceof ClientAreaError)) throw error;
      return showInvitation(request, reply, token, { status: error.status, error: error.message, name: form.name });
    }
  });

  interface ShowOptions {
    status?: number;
    error?: string;
    name?: string | undefined;
  }

  async function showInvitation(request: FastifyRequest, reply: FastifyReply, token: string | undefined, options: ShowOptions = {}): Promise<FastifyReply> {
    const session = await currentSession(ctx, request);
    const chrome = session ? chromeFor(session) : undefined;
    const preview = token ? await describeInvitationByToken(ctx, token) : undefined;
    if (!token || !preview) {
      return sendPage(
        reply,
        410,
        'Invitation link not valid',
        html`<h1>This invitation link is not valid</h1><p>It was replaced by a newer mail, cancelled, or never existed. Use the newest invitation mail, or ask the account owner to invite you again.</p>`,
        chrome,
      );
    }
    const error = options.error ? html`<p class="error" role="alert">${options.error}</p>` : '';
    const summary = offerSummary(preview);
    if (preview.status !== 'pending') {
      const status = preview.status === 'accepted' ? 200 : 410;
      const link = preview.status === 'accepted' && session ? html`<p><a href="${accountPath(preview.account.id)}">Open ${preview.account.name}</a></p>` : '';
      return sendPage(
        reply,
        options.status ?? status,
        'Invitation',
        html`<h1>Invitation to ${preview.account.name}</h1>${error}<p>${STATUS_WORDS[preview.status]}</p>${link}`,
        chrome,
      );
    }
    const status = options.status ?? 200;
    if (session) return sendPage(reply, status, 'Invitation', html`${summary}${error}${answerForms(session, preview, token)}`, chrome);
    if (preview.loginExists) {
      const form = signInForm(request, reply, { next: acceptUrl(token), email: preview.email ?? undefined });
      return sendPage(
        reply,
        status,
        'Invitation',
        html`${summary}${error}<h2>Sign in to answer</h2><p>${preview.email ? html`A login with ${preview.email} exists: sign in with it, then accept or decline.` : 'Sign in with the login this invitation was sent to, then accept or decline.'}</p>${form}`,
      );
    }
    return sendPage(reply, status, 'Invitation', html`${summary}${error}${signUpForm(request, reply, preview, token, options.name)}`);
  }

  function answerForms(session: PanelSession, preview: InvitationPreview, token: string): Html {
    const viewer = session.viewer;
    const matches = preview.email !== null ? preview.email === viewer.email : preview.customerNumber === viewer.customer_number;
    if (!matches) {
      return html`<p class="error" role="alert">This invitation is for ${preview.email ?? `customer number ${preview.customerNumber}`}, but you are signed in as ${viewer.email}. Sign out, then sign in with the invited login.</p>`;
    }
    const csrf = csrfField(sessionCsrfToken(session.token));
    return html`<form method="post" action="${ACCEPT_PATH}/answer" class="stack" aria-label="Answer the invitation">
${csrf}<input type="hidden" name="token" value="${token}">
<p>You are signed in as ${viewer.name} (${viewer.email}).</p>
<p><button type="submit" name="answer" value="accept">Accept</button> <button type="submit" name="answer" value="decline">Decline</button></p>
</form>`;
  }

  function signUpForm(request: FastifyRequest, reply: FastifyReply, preview: InvitationPreview, token: string, name: string | undefined): Html {
    const csrf = csrfField(preSessionCsrfToken(request, reply));
    return html`<h2>Create your login to accept</h2>
<p>There is no login with ${preview.email} yet. Create one: the invitation is accepted as soon as it exists.</p>
<form method="post" action="${ACCEPT_PATH}/sign-up" class="stack" aria-label="Sign up and accept">
${csrf}<input type="hidden" name="token" value="${token}">
<label>Email <input type="email" name="email" value="${preview.email}" readonly aria-readonly="true"></label>
<label>Your name <input type="text" name="name" autocomplete="name" required maxlength="200" value="${name ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="new-password" required maxlength="1024"></label>
<label>Password again <input type="password" name="confirm" autocomplete="new-password" required maxlength="1024"></label>
<p class="muted">${passwordPolicyWords(ctx.passwordPolicy)}</p>
<button type="submit">Sign up and accept</button>
</form>`;
  }
}

function tokenFrom(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= TOKEN_MAX ? value : undefined;
}

/** Who invites, to which account, with what: the same words whatever the visitor does next. */
function offerSummary(p: InvitationPreview): Html {
  const scope = scopeWords(p.scope);
  const what =
    p.kind === 'domain_delegation' ? 'to manage a domain of the account' : p.role === 'admin' ? 'as an administrator of the account' : 'to the account';
  return html`<h1>Invitation to ${p.account.name}</h1>
<p>${p.invitedBy.name} (${p.invitedBy.email}) invites ${p.email ?? `customer number ${p.customerNumber}`} ${what} <strong>${p.account.name}</strong>.</p>
<section aria-label="What you would be able to do"><h2>Permissions</h2><ul>${p.permissions.map((perm) => html`<li>${PERMISSION_LABELS[perm]}</li>`)}</ul>
${scope ? html`<p>${scope}</p>` : ''}
<p class="muted">The invitation expires on ${p.expiresAt.slice(0, 10)}.</p></section>`;
}
