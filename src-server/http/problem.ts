import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type ApiErrorCode, Problem } from '../../src-shared/api/problems.js';
import { ClientAreaError } from '../domain/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ApiErrorCode, string> = {
  validation_failed: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  invalid_credentials: 'Wrong email or password',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  invitation_not_pending: 'The invitation was already answered',
  invitation_expired: 'The invitation has expired',
  rate_limited: 'Too many attempts',
  internal_error: 'Something went wrong on the server',
  inviter_not_authorized: 'The inviter can no longer grant this access',
  invitation_email_mismatch: 'This invitation is for another email',
  email_not_verified: 'Email not verified',
  login_not_activated: 'Login not activated',
  link_invalid: 'This link is no longer valid',
  invalid_two_factor_code: 'Wrong two-factor code',
  two_factor_required: 'Two-factor sign-in required',
  email_domain_not_allowed: 'Email domain not allowed',
};

export function problem(code: ApiErrorCode, status: number, detail: string): Problem {
  return { type: `urn:clientdeck:problem:${code}`, title: TITLES[code], status, detail, code };
}

/** Response schemas for the problem statuses a route can answer with, so OpenAPI lists them too. */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, typeof Problem> {
  return Object.fromEntries(statuses.map((s) => [s, Problem])) as Record<S, typeof Problem>;
}

export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Every failure leaves the API as an RFC 9457 problem with a stable code; bad input is never a 500. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ClientAreaError) {
      return sendProblem(reply, problem(error.code, error.status, error.message), error.headers);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const details = error.validation
        .slice(0, 5)
        .map((issue) => `${where}${issue.instancePath.replaceAll('/', '.') || ''}: ${issue.message}`)
        .join('; ');
      return sendProblem(reply, problem('validation_failed', 400, details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(reply, problem('internal_error', 500, 'The server produced an invalid answer. It has been logged.'));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own rejections: malformed JSON, wrong content type, body too large...
      const code: ApiErrorCode = status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : 'validation_failed';
      return sendProblem(reply, problem(code, status, error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem('internal_error', 500, 'The server could not complete the request. Try again later.'));
  });
}

export function apiNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem('not_found', 404, `There is no ${request.method} ${request.url.split('?')[0]} in this API.`));
}

/**
 * Errors the router raises before any route runs (a malformed URL, a path parameter over the
 * length limit) are problem documents too.
 */
export function frameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The request URL is malformed.';
  void sendProblem(reply, problem('validation_failed', status, detail));
}
