import type { Logger } from 'pino';
import type { z } from 'zod';
import type { IpcError } from '../../src-shared/ipc/errors.js';
import { isClientdeckError } from '../errors.js';

/**
 * What a request that failed returns to the renderer. Deliberate errors keep their code and
 * sentence; anything else is a bug: the renderer gets a generic sentence, the log the details.
 */
export function toIpcError(error: unknown, logger: Logger, channel: string): IpcError {
  if (isClientdeckError(error)) {
    logger.info({ channel, code: error.code }, 'request refused');
    return { code: error.code, message: error.message };
  }
  logger.error({ channel, err: error }, 'request failed unexpectedly');
  return { code: 'internal_error', message: 'Something went wrong inside Clientdeck. Try again; if it keeps happening, report it with the log file.' };
}

/** The first few zod issues as one readable sentence fragment, e.g. `email: Too small`. */
export function summariseIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${parts.join('; ')}${more}`;
}
