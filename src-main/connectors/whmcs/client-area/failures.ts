/**
 * Every way a WHMCS client area can refuse or puzzle the connector, as a coded error with a
 * sentence for the user. Written once so the sign-in dialog, sync status and queue read the same.
 */
import type { Logger } from 'pino';
import { ClientdeckError } from '../../../errors.js';
import { redactedHtml } from './pages.js';
import type { Page } from './browser.js';

export const whmcsFailures = {
  notWhmcs: (provider: string) =>
    new ClientdeckError(
      'invalid_url',
      `${provider} does not look like a WHMCS client area. Check the address: it is the page where you sign in to your hosting account.`,
    ),
  wrongPassword: (provider: string) => new ClientdeckError('wrong_credentials', `${provider} did not accept this email address and password.`),
  wrongCode: (provider: string) =>
    new ClientdeckError('wrong_credentials', `${provider} did not accept this two-factor code. Enter the current code from your authenticator app.`),
  codeRequired: (provider: string) =>
    new ClientdeckError('second_factor_required', `${provider} asks for a two-factor code for this login. Enter the code from your authenticator app.`),
  captcha: (provider: string) =>
    new ClientdeckError(
      'captcha_required',
      `${provider} asks for a captcha at sign-in, which Clientdeck cannot answer. Ask the provider to turn off the login captcha, or sign in once in your browser and try again later.`,
    ),
  rateLimited: (provider: string) =>
    new ClientdeckError('rate_limited', `${provider} has had too many sign-in attempts from here. Wait a few minutes, then try again.`),
  banned: (provider: string) => new ClientdeckError('forbidden', `${provider} has blocked this computer's address. Contact the provider to lift the ban.`),
  needsSignIn: (provider: string) =>
    new ClientdeckError('needs_sign_in', `Your session at ${provider} ended and signing in again did not work. Sign in again to use this connection.`),
  notOwner: (provider: string) => new ClientdeckError('forbidden', `Only the owner of this account at ${provider} can manage its users and contacts.`),
  accountGone: (provider: string) => new ClientdeckError('not_found', `This account is no longer reachable with your login at ${provider}.`),
  invitationInvalid: (provider: string) =>
    new ClientdeckError('invitation_not_pending', `${provider} says this invitation link is not valid: it was not found, has expired or was already used.`),
  otherProvider: (provider: string) =>
    new ClientdeckError('invalid_url', `This invitation link is not for ${provider}. Paste it into the connection of the provider that sent it.`),
};

/**
 * A page the parser does not recognise: the error names it for the user, and the page goes to the
 * log with values, tokens and scripts removed so it can be attached to a bug report.
 */
export function unrecognisedPage(provider: string, what: string, page: Page, logger: Logger): ClientdeckError {
  logger.warn({ provider, page: what, status: page.status, path: page.url.pathname, html: redactedHtml(page) }, 'WHMCS page not recognised');
  return new ClientdeckError(
    'provider_error',
    `Clientdeck did not recognise the ${what} page of ${provider}; its layout may have changed. The page is in Clientdeck's log, without your data, for a bug report.`,
  );
}
