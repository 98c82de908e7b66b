import type { IpcErrorCode } from '../src-shared/ipc/errors.js';

/** What a provider said about a failure, kept for decisions (retry or give up) and for the queue's reasonCode. */
export interface ProviderFailure {
  /** HTTP status of the provider's answer, when there was one. */
  httpStatus?: number;
  /** The problem document's stable `code` (e.g. `invitation_expired`), when there was one. */
  providerCode?: string;
}

/**
 * The one error type main-process modules throw on purpose. Its `code` travels to the renderer
 * unchanged and its message is a sentence for the user, so it must never contain a secret.
 * Anything else that is thrown is treated as a bug (`internal_error`).
 */
export class ClientdeckError extends Error {
  readonly code: IpcErrorCode;
  readonly httpStatus: number | undefined;
  readonly providerCode: string | undefined;

  constructor(code: IpcErrorCode, message: string, failure: ProviderFailure = {}) {
    super(message);
    this.name = 'ClientdeckError';
    this.code = code;
    this.httpStatus = failure.httpStatus;
    this.providerCode = failure.providerCode;
  }
}

export function isClientdeckError(value: unknown): value is ClientdeckError {
  return value instanceof ClientdeckError;
}

/** A provider's answer that fits no shape the connector knows: a wrong address, or a provider bug. */
export function unexpectedAnswer(provider: string): ClientdeckError {
  return new ClientdeckError(
    'provider_error',
    `${provider} answered in a form Clientdeck does not understand. Check that the address is the provider's client area.`,
  );
}
