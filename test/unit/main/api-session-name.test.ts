import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiSession } from '../../../src-main/connectors/clientarea/api-session.js';
import { silentLogger } from '../../../src-main/logging.js';

/** A provider that refuses every request with a problem document carrying a detail. */
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(400, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Bad request', status: 400, code: 'invalid_input', detail: 'body.email: Invalid email' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function session(name?: () => string | null): ApiSession {
  return new ApiSession({ baseUrl, credentials: { read: async () => null, write: async () => undefined }, logger: silentLogger(), name });
}

describe('what a provider refusal calls the provider', () => {
  it('names the connection as the user calls it, read at each error so a rename shows at once', async () => {
    let label = 'Acme Hosting';
    const named = session(() => label);
    await expect(named.send(z.unknown(), { method: 'POST', url: '/x' }, 'request')).rejects.toMatchObject({
      code: 'provider_error',
      message: 'Acme Hosting refused the request: body.email: Invalid email',
    });
    label = 'Acme EU';
    await expect(named.send(z.unknown(), { method: 'POST', url: '/x' }, 'request')).rejects.toMatchObject({
      message: 'Acme EU refused the request: body.email: Invalid email',
    });
    await expect(named.refresh()).rejects.toMatchObject({
      code: 'needs_sign_in',
      message: expect.stringMatching(/^Clientdeck has no sign-in stored for Acme EU\./),
    });
  });

  it('names the host while there is no connection yet', async () => {
    const host = new URL(baseUrl).host;
    for (const unnamed of [session(), session(() => null)]) {
      expect(unnamed.provider).toBe(host);
      await expect(unnamed.send(z.unknown(), { method: 'POST', url: '/x' }, 'request')).rejects.toMatchObject({
        message: `${host} refused the request: body.email: Invalid email`,
      });
    }
  });
});
