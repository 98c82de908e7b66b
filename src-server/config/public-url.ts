import { isIP } from 'node:net';
import { StartupError } from './startup-error.js';

/** Where links in mails and answers point when the provider does not say otherwise: `--public-url`. */
export const PUBLIC_URL_VARIABLE = 'CLIENTAREA_PUBLIC_URL';
/** Which proxies may tell the server the client's address and scheme: `--trust-proxy`. */
export const TRUST_PROXY_VARIABLE = 'CLIENTAREA_TRUST_PROXY';

/**
 * The public URL the provider configured (option first, then the environment), as an origin
 * without a trailing slash; undefined when none is set (the server then uses its loopback listen
 * URL). Only scheme, host and port: every route lives at the root (`/api/v1`, `/panel`).
 */
export function publicUrlFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = (option ?? env[PUBLIC_URL_VARIABLE] ?? '').trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StartupError(
      'public_url_invalid',
      `The public URL "${value}" is not a URL. Give the address users reach the client area at, such as https://clientarea.example.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StartupError('public_url_invalid', `The public URL "${value}" must start with https:// (or http:// for a server without TLS).`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new StartupError(
      'public_url_invalid',
      `The public URL "${value}" may hold only a scheme, a host and a port (such as https://clientarea.example): the client area serves from the root of its host.`,
    );
  }
  return url.origin;
}

/** What Fastify's `trustProxy` takes: off, on for every proxy, the proxies' addresses, or which hops to believe. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/**
 * Whether `X-Forwarded-For`/`-Proto`/`-Host` are believed (option first, then the environment).
 * Off by default: without a proxy in front, any client could claim any address or scheme.
 */
export function trustProxyFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): TrustProxy {
  const value = (option ?? env[TRUST_PROXY_VARIABLE] ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^[0-9]+$/.test(value)) {
    // A number of proxies in front: believe that many hops, counted from this server.
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const proxies = value.split(',').map((p) => p.trim());
  const invalid = proxies.find((p) => !isAddressOrRange(p));
  if (invalid !== undefined) {
    throw new StartupError(
      'trust_proxy_invalid',
      `The trusted proxy setting "${value}" is not understood ("${invalid}"): give true, a number of proxies in front, or their addresses (such as 127.0.0.1,10.0.0.0/8).`,
    );
  }
  return proxies.join(',');
}

function isAddressOrRange(value: string): boolean {
  const [address = '', bits, extra] = value.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) <= max;
}
