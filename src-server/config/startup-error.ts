/** Stable codes of the reasons the client area refuses to start (printed by `cli.ts`). */
export type StartupErrorCode =
  'public_url_invalid' | 'trust_proxy_invalid' | 'workers_invalid' | 'database_read_only' | 'database_full' | 'database_unreachable';

/**
 * A setting or a file the server cannot start with: a stable code and a sentence naming what is
 * wrong and what to do, instead of a driver's stack trace.
 */
export class StartupError extends Error {
  constructor(
    readonly code: StartupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}
