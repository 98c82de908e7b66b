import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

const SECRET_KEYS = ['password', 'token', 'refreshToken', 'accessToken', 'authorization', 'Authorization', 'secret'];

/**
 * Secrets may sit at any of the first few levels of a logged object (an input, a request's
 * headers, an error's config), so each key is redacted at depth 0–3.
 */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export interface LoggerOptions {
  level?: string;
  /** Where log lines go; stderr by default so that stdout stays for what a CLI promises to print. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'clientdeck' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination ?? pino.destination(2),
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
