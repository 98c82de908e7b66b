import { AxiosError, AxiosHeaders } from 'axios';
import { describe, expect, it } from 'vitest';
import { mapHttpFailure } from '../../../src-main/connectors/clientarea/http-failure.js';
import { ClientdeckError } from '../../../src-main/errors.js';

function httpError(status: number, data: unknown): AxiosError {
  const config = { headers: new AxiosHeaders({ Authorization: 'Bearer cda_secret' }) };
  return new AxiosError('failed', 'ERR_BAD_RESPONSE', config, {}, { status, statusText: '', data, headers: {}, config });
}

function networkError(code: string): AxiosError {
  return new AxiosError('failed', code, { headers: new AxiosHeaders() });
}

const problem = (status: number, code: string, detail?: string) => ({ type: 'about:blank', title: 'x', status, code, detail });

describe('mapHttpFailure', () => {
  it('maps a refused sign-in to wrong_credentials', () => {
    const error = mapHttpFailure(httpError(401, problem(401, 'invalid_credentials')), 'p.example', 'sign_in');
    expect(error.code).toBe('wrong_credentials');
    expect(error.message).toContain('p.example');
  });

  it('maps a refused two-factor code to wrong_credentials with the provider sentence', () => {
    const error = mapHttpFailure(httpError(401, problem(401, 'invalid_two_factor_code', 'The code is not correct.')), 'p', 'sign_in');
    expect(error).toMatchObject({ code: 'wrong_credentials', message: 'The code is not correct.' });
  });

  it('maps 401 on refresh or a request to needs_sign_in', () => {
    expect(mapHttpFailure(httpError(401, problem(401, 'unauthenticated')), 'p', 'refresh').code).toBe('needs_sign_in');
    expect(mapHttpFailure(httpError(401, 'nope'), 'p', 'request').code).toBe('needs_sign_in');
  });

  it('maps network failures and timeouts to provider_unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'ERR_CANCELED', 'ERR_NETWORK']) {
      expect(mapHttpFailure(networkError(code), 'p', 'request').code).toBe('provider_unreachable');
    }
    expect(mapHttpFailure(networkError('ECONNABORTED'), 'p', 'request').message).toMatch(/did not answer in time/);
    expect(mapHttpFailure(networkError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'p', 'sign_in').message).toMatch(/certificate/);
    expect(mapHttpFailure(httpError(503, ''), 'p', 'request').code).toBe('provider_unreachable');
  });

  it('maps 409 invitation problems to invitation_not_pending with the provider detail', () => {
    const error = mapHttpFailure(httpError(409, problem(409, 'invitation_not_pending', 'This invitation was cancelled.')), 'p', 'request');
    expect(error).toMatchObject({ code: 'invitation_not_pending', message: 'This invitation was cancelled.' });
    expect(mapHttpFailure(httpError(409, problem(409, 'invitation_expired')), 'p', 'request').code).toBe('invitation_not_pending');
  });

  it('maps the rest to provider_error or not_found with a sentence', () => {
    expect(mapHttpFailure(httpError(404, '<html>'), 'p.example', 'sign_in').message).toMatch(/No Client Area Access API/);
    expect(mapHttpFailure(httpError(404, problem(404, 'not_found', 'Account was not found.')), 'p', 'request')).toMatchObject({ code: 'not_found' });
    expect(mapHttpFailure(httpError(429, problem(429, 'rate_limited')), 'p', 'sign_in').code).toBe('provider_error');
    expect(mapHttpFailure(httpError(500, problem(500, 'internal_error')), 'p', 'request').code).toBe('provider_error');
    expect(mapHttpFailure(httpError(403, problem(403, 'forbidden', 'No.')), 'p', 'request').message).toContain('No.');
  });

  it("maps the owner actions' refusals to forbidden, conflict and not_found, with the provider's sentence and codes", () => {
    expect(mapHttpFailure(httpError(403, problem(403, 'forbidden', 'Only the owner can change this.')), 'p', 'request')).toMatchObject({
      code: 'forbidden',
      message: 'Only the owner can change this.',
      httpStatus: 403,
      providerCode: 'forbidden',
    });
    expect(mapHttpFailure(httpError(403, '<html>'), 'p.example', 'request')).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('p.example'),
    });
    expect(mapHttpFailure(httpError(409, problem(409, 'conflict', 'This person already has access.')), 'p', 'request')).toMatchObject({
      code: 'conflict',
      message: 'This person already has access.',
    });
    expect(mapHttpFailure(httpError(409, problem(409, 'invitation_expired', 'Expired.')), 'p', 'request')).toMatchObject({
      code: 'invitation_not_pending',
      providerCode: 'invitation_expired',
      httpStatus: 409,
    });
    expect(mapHttpFailure(httpError(400, problem(400, 'validation_failed', 'body.email: Invalid email')), 'p', 'request')).toMatchObject({
      code: 'provider_error',
      message: 'p refused the request: body.email: Invalid email',
      httpStatus: 400,
    });
  });

  it('keeps ClientdeckErrors and never leaks the request config', () => {
    const own = new ClientdeckError('keychain_unavailable', 'x');
    expect(mapHttpFailure(own, 'p', 'sign_in')).toBe(own);
    const mapped = mapHttpFailure(httpError(500, {}), 'p', 'request');
    expect(JSON.stringify({ ...mapped, message: mapped.message })).not.toContain('cda_secret');
    expect(mapHttpFailure(new Error('boom'), 'p', 'request').code).toBe('internal_error');
  });
});
