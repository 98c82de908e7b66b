import { isClientdeckError } from '../errors.js';

/**
 * What to do with a queued action after sending it failed. `retry`: the provider could not be
 * asked (unreachable, sign-in needed, keychain locked, a server fault) — keep it, in its place,
 * for the next replay. `reject`: the provider answered and refused it — that is final, and its
 * sentence and code are what the user is told (expired, cancelled, access revoked...).
 */
export type ReplayVerdict = { kind: 'retry'; code: string; message: string } | { kind: 'reject'; reasonCode: string; reason: string };

const RETRY_CODES = new Set(['provider_unreachable', 'needs_sign_in', 'keychain_unavailable', 'internal_error']);

export function judgeReplayFailure(error: unknown): ReplayVerdict {
  if (!isClientdeckError(error)) {
    return { kind: 'retry', code: 'internal_error', message: 'Sending failed unexpectedly; Clientdeck will try again.' };
  }
  const status = error.httpStatus;
  // Rate limits and server faults say "not now", not "no".
  const serverFault = status !== undefined && (status >= 500 || status === 429 || status === 408);
  if (RETRY_CODES.has(error.code) || serverFault) {
    return { kind: 'retry', code: error.code, message: error.message };
  }
  return { kind: 'reject', reasonCode: error.providerCode ?? error.code, reason: error.message };
}
