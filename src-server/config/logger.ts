import type { FastifyServerOptions } from 'fastify';

/** One-time secrets travel in these URL paths (SSO links); logs show the path without them. */
const SECRET_IN_PATH = /^(\/panel\/sso\/)[^/?#]+/;

export function redactUrl(url: string): string {
  return url.replace(SECRET_IN_PATH, '$1[redacted]');
}

/**
 * Pino settings of the server. Never log a password, token, refresh token, cookie or admin key:
 * request logs carry method and redacted URL only, and known secret fields are censored.
 */
export function loggerOptions(level: string): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'accessToken',
        'refreshToken',
        '*.accessToken',
        '*.refreshToken',
        'adminKey',
        // Two-factor secrets and codes: a logged code could be replayed within its window.
        'challengeToken',
        '*.challengeToken',
        'backupCode',
        '*.backupCode',
        'backupCodes',
        '*.backupCodes',
        'secret',
        '*.secret',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
    },
  };
}
