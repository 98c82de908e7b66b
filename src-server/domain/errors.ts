import type { ApiErrorCode } from '../../src-shared/api/problems.js';

/**
 * A failure the caller can act on. It carries the stable machine `code` of the API and a sentence
 * a user understands; the HTTP layer turns it into an RFC 9457 problem document.
 */
export class ClientAreaError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ClientAreaError';
  }
}

export const notFound = (what: string) => new ClientAreaError('not_found', 404, `${what} was not found, or you have no access to it.`);
