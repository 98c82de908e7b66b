import { isAxiosError } from 'axios';
import { ClientdeckError, isClientdeckError } from '../../../errors.js';

/** Signing in is the one call where bad credentials mean "you typed them wrong" rather than "they were revoked". */
export type AdminPhase = 'sign_in' | 'request';

type Rule = { match: RegExp; code: ClientdeckError['code']; providerCode: string; sentence: (provider: string, said: string, phase: AdminPhase) => string };

/**
 * WHMCS's `result: error` messages (WHMCS/developer-docs), most specific first. The provider's own
 * sentence is always quoted: it names the IP, the action or the field, which is what the user needs.
 */
const RULES: Rule[] = [
  {
    match: /^Invalid IP\b/i,
    code: 'forbidden',
    providerCode: 'invalid_ip',
    sentence: (p, said) =>
      `${p} does not accept API calls from this computer (“${said}”). Ask the provider to allow this IP address, or enter the API access key.`,
  },
  {
    match: /^Authentication Failed/i,
    code: 'wrong_credentials',
    providerCode: 'authentication_failed',
    sentence: (p, said, phase) =>
      phase === 'sign_in'
        ? `The API identifier or secret is not right for ${p} (“${said}”).`
        : `${p} no longer accepts this connection's API credentials (“${said}”). Enter the identifier and secret again.`,
  },
  {
    match: /^Invalid Permissions\b/i,
    code: 'forbidden',
    providerCode: 'invalid_permissions',
    sentence: (p, said) => `The API role of these credentials at ${p} does not allow this (“${said}”). Ask the provider to add the action to the role.`,
  },
  {
    match: /not found|^Invalid (client|user|contact)[ _]?id\b|is not associated with client/i,
    code: 'not_found',
    providerCode: 'not_found',
    sentence: (p, said) => `${p} no longer knows this item (“${said}”).`,
  },
  {
    match: /already associated|^Duplicate/i,
    code: 'conflict',
    providerCode: 'conflict',
    sentence: (p, said) => `${p} refused the change because it conflicts with what it holds (“${said}”).`,
  },
  {
    match: /cannot (remove|be set on) .*owner|^SSO authentication blocked/i,
    code: 'forbidden',
    providerCode: 'forbidden',
    sentence: (p, said) => `${p} does not allow this (“${said}”).`,
  },
];

/** A `result: error` answer as a coded error carrying the provider's sentence. */
export function refusalError(message: string, provider: string, phase: AdminPhase, httpStatus: number): ClientdeckError {
  const said = message.trim().slice(0, 500) || 'no reason given';
  for (const rule of RULES) {
    if (!rule.match.test(said)) continue;
    // A revoked credential during a sync means "sign in again", not "you typed it wrong".
    const code = rule.code === 'wrong_credentials' && phase === 'request' ? 'needs_sign_in' : rule.code;
    return new ClientdeckError(code, rule.sentence(provider, said, phase), { httpStatus, providerCode: rule.providerCode });
  }
  return new ClientdeckError('provider_error', `${provider} refused the request (“${said}”).`, { httpStatus, providerCode: 'refused' });
}

/**
 * What axios threw before WHMCS could answer `result: error` (network, timeout, a page that is
 * not the API). The raw error is never kept: its config holds the secret in the request body.
 */
export function transportError(error: unknown, provider: string): ClientdeckError {
  if (isClientdeckError(error)) return error;
  if (!isAxiosError(error)) {
    return new ClientdeckError('internal_error', 'Something went wrong while talking to the provider. Try again; if it keeps happening, report it.');
  }
  const status = error.response?.status;
  if (status === undefined) {
    const code = error.code ?? '';
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
      return new ClientdeckError('provider_unreachable', `${provider} presented a certificate that could not be verified, so Clientdeck did not connect.`);
    }
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
      return new ClientdeckError('provider_unreachable', `${provider} did not answer in time. Check your connection and try again.`);
    }
    return new ClientdeckError('provider_unreachable', `${provider} cannot be reached right now. Check the address and your connection, then try again.`);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ClientdeckError('provider_unreachable', `${provider} is temporarily unavailable (HTTP ${status}). Try again later.`, { httpStatus: status });
  }
  return notTheApi(provider, status);
}

/** An answer that is not WHMCS's API JSON: the address is probably not the WHMCS installation. */
export function notTheApi(provider: string, httpStatus?: number): ClientdeckError {
  return new ClientdeckError(
    'provider_error',
    `No WHMCS API answered at ${provider}${httpStatus ? ` (HTTP ${httpStatus})` : ''}. Check that the address is the WHMCS installation (where includes/api.php lives).`,
    { httpStatus },
  );
}
