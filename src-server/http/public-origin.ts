import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClientAreaContext } from '../domain/context.js';
import { problem, sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether the user reaches this server over https: its public URL is https, or a trusted proxy says so. */
    servedOverHttps: boolean;
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The port the server listens on; undefined for requests injected without a listening socket. */
function listeningPort(app: FastifyInstance): number | undefined {
  const address = app.server.address();
  return address !== null && typeof address === 'object' ? (address as AddressInfo).port : undefined;
}

/** `http://127.0.0.1:PORT`: where links point when no public URL is configured. */
export function loopbackUrlOf(app: FastifyInstance): string {
  const port = listeningPort(app);
  return `http://127.0.0.1${port === undefined ? '' : `:${port}`}`;
}

/** The Host header values a public URL is reached with (with and without its default port). */
function hostsOf(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return url.port ? [url.host] : [url.host, `${url.host}:${defaultPort}`];
}

/** The hosts an app answers for, worked out for one public URL and listening port. */
interface AllowedHosts {
  publicUrl: string | undefined;
  hosts: ReadonlySet<string>;
}

const allowedHosts = new WeakMap<FastifyInstance, AllowedHosts>();

/**
 * Every request asks, so the answer is kept per app: reading the socket's address is a system
 * call and parsing the public URL is not free either. It is worked out again if the public URL
 * changes (`server.ts` sets it once listening) or before the app listens (injected requests).
 */
function hostsAllowed(app: FastifyInstance, ctx: ClientAreaContext): AllowedHosts | undefined {
  const known = allowedHosts.get(app);
  if (known && known.publicUrl === ctx.publicUrl) return known;
  const port = listeningPort(app);
  if (port === undefined) return undefined;
  const hosts = new Set([...(ctx.publicUrl ? hostsOf(ctx.publicUrl) : []), ...LOOPBACK_NAMES.map((name) => `${name}:${port}`)]);
  const allowed = { publicUrl: ctx.publicUrl, hosts };
  allowedHosts.set(app, allowed);
  return allowed;
}

/** Whether this request names a host the server answers for: its public host or a loopback name on its own port. */
export function hostAllowed(app: FastifyInstance, ctx: ClientAreaContext, request: FastifyRequest): boolean {
  const host = (request.host ?? '').toLowerCase();
  if (!host) return false;
  const allowed = hostsAllowed(app, ctx);
  if (allowed) return allowed.hosts.has(host);
  if (ctx.publicUrl && hostsOf(ctx.publicUrl).includes(host)) return true;
  // Injected requests (tests of the app alone) never crossed a network: any loopback port will do.
  return LOOPBACK_NAMES.some((name) => host === name || host.startsWith(`${name}:`));
}

/**
 * DNS rebinding: a web page whose name the attacker points at 127.0.0.1 reaches this server from
 * the user's browser with its own name in the Host header. Only the configured public host and
 * the loopback names are answered, before any route runs; the same hook decides whether cookies
 * are marked Secure (the public URL says so, or a trusted proxy forwarded an https request).
 */
export function installHostGuard(app: FastifyInstance, ctx: ClientAreaContext): void {
  app.decorateRequest('servedOverHttps', false);
  // A callback hook: it decides without waiting for anything, so it costs the request no promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (!hostAllowed(app, ctx, request)) {
      // The answer is sent here; `done` is not called, so nothing else runs for this request.
      sendProblem(
        reply,
        problem(
          'host_not_allowed',
          421,
          'This server does not answer for the host this request names. Use the client area’s own address; its provider sets it with --public-url.',
        ),
      );
      return;
    }
    request.servedOverHttps = request.protocol === 'https' || ctx.publicUrl?.startsWith('https:') === true;
    done();
  });
}

const isLoopbackAddress = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * Whether only this machine can reach the server: it listens on a loopback address and its
 * public URL (if any) is a loopback one too. A loopback bind behind a reverse proxy serves the
 * world, and its public URL says so.
 */
export function servesThisMachineOnly(app: FastifyInstance, ctx: ClientAreaContext): boolean {
  const address = app.server.address();
  const listensOnLoopback = address === null || (typeof address === 'object' && isLoopbackAddress(address.address));
  const publicHost = ctx.publicUrl ? new URL(ctx.publicUrl).hostname : '127.0.0.1';
  return listensOnLoopback && (LOOPBACK_NAMES.includes(publicHost) || isLoopbackAddress(publicHost));
}
