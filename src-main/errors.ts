import type { IpcErrorCode } from '../src-shared/ipc/contract.js';

/**
 * The one error type main-process modules throw on purpose. Its `code` travels to the renderer
 * unchanged and its message is a sentence for the user, so it must never contain a secret.
 * Anything else that is thrown is treated as a bug (`internal_error`).
 */
export class ClientdeckError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'ClientdeckError';
    this.code = code;
  }
}

export function isClientdeckError(value: unknown): value is ClientdeckError {
  return value instanceof ClientdeckError;
}
