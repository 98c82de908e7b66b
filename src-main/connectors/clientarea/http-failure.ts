import { isAxiosError } from 'axios';
import { Problem } from '../../../src-shared/api/problems.js';
import { ClientdeckError, isClientdeckError } from '../../errors.js';

/** What the caller was doing, because the same HTTP status means different things for each. */
export type Phase = 'sign_in' | 'refresh' | 'request';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_NETWORK',
  'ERR_CANCELED',
]);

const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/**
 * Maps what axios threw while talking to a provider to a `ClientdeckError` with a sentence for the
 * user. `provider` is what the sentence calls the provider: the connection's name, or the host
 * while a provider is being added. The raw error is never attached: its config
 * holds the Authorization header and request body.
 */
export function mapHttpFailure(error: unknown, provider: string, phase: Phase): ClientdeckError {
  if (isClientdeckError(error)) return error;
  if (!isAxiosError(error)) {
    return new ClientdeckError('internal_error', 'Something went wrong while talking to the provider. Try again; if it keeps happening, report it.');
  }
  const response = error.response;
  if (!response) {
    const code = error.code ?? '';
    if (CERTIFICATE_CODE.test(code)) {
      return new ClientdeckError(
        'provider_unreachable',
        `${provider} presented a certificate that could not be verified, so Clientdeck did not connect. Check the address or ask the provider.`,
      );
    }
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
      return new ClientdeckError('provider_unreachable', `${provider} did not answer in time. Check your connection and try again.`);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new ClientdeckError('provider_unreachable', `${provider} could not be found. Check the address and your internet connection.`);
    }
    if (NETWORK_CODES.has(code) || code === '') {
      return new ClientdeckError('provider_unreachable', `${provider} cannot be reached right now. Check the address and your connection, then try again.`);
    }
    return new ClientdeckError('provider_unreachable', `${provider} cannot be reached right now (${code}). Try again later.`);
  }

  const status = response.status;
  const parsed = Problem.safeParse(response.data);
  const problem = parsed.success ? parsed.data : null;
  const detail = problem?.detail?.trim().slice(0, 500) || undefined;
  const failure = { httpStatus: status, providerCode: problem?.code };
  const fail = (code: ClientdeckError['code'], message: string) => new ClientdeckError(code, message, failure);

  // Checked before the password: a wrong or spent code, or a challenge that expired, is the provider's own sentence.
  if (phase === 'sign_in' && problem?.code === 'invalid_two_factor_code') {
    return fail('wrong_credentials', detail ?? `${provider} did not accept this two-factor code. Enter the current code from your authenticator app.`);
  }
  if (phase === 'sign_in' && (status === 401 || problem?.code === 'invalid_credentials')) {
    return fail('wrong_credentials', `The email or password is not right for ${provider}.`);
  }
  if (status === 401) {
    return fail('needs_sign_in', `Your sign-in at ${provider} has expired or was revoked. Sign in again to keep this connection up to date.`);
  }
  if (status === 409 && (problem?.code === 'invitation_not_pending' || problem?.code === 'invitation_expired')) {
    return fail('invitation_not_pending', detail ?? 'This invitation can no longer be answered: it is no longer pending.');
  }
  if (status === 409) {
    return fail('conflict', detail ?? `${provider} refused the change because it conflicts with the current state. Reload and try again.`);
  }
  if (status === 403) {
    return fail('forbidden', detail ?? `${provider} does not allow you to do this on this account.`);
  }
  if (status === 429) {
    return fail('provider_error', `${provider} is limiting requests right now. Wait a minute and try again.`);
  }
  if (status === 404 && (phase === 'sign_in' || !problem)) {
    return fail('provider_error', `No Client Area Access API answered at ${provider}. Check that the address is the provider's client area.`);
  }
  if (status === 404) {
    return fail('not_found', detail ?? 'The provider no longer knows this item, or you no longer have access to it.');
  }
  if (status === 502 || status === 503 || status === 504) {
    return fail('provider_unreachable', `${provider} is temporarily unavailable (HTTP ${status}). Try again later.`);
  }
  if (detail) return fail('provider_error', `${provider} refused the request: ${detail}`);
  return fail('provider_error', `${provider} answered with an error (HTTP ${status}). Try again later.`);
}
