import { ClientdeckError } from '../errors.js';

/**
 * True for hosts whose traffic never leaves the machine: 127.0.0.0/8, ::1 and `localhost`.
 * `hostname` is as the WHATWG URL parser normalises it (IPv6 in brackets, IPv4 in dotted quads).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]') return true;
  // An IPv4-mapped IPv6 loopback (::ffff:127.x.y.z) is normalised by the parser to hex groups.
  const mapped = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.exec(host);
  if (mapped) return true;
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return quad !== null && quad[1] === '127' && quad.slice(2).every((n) => Number(n) <= 255);
}

/**
 * Checks a provider address typed by the user and returns it normalised (no trailing slash, no
 * query or fragment, and without a pasted `/api/v1` suffix). Plain http is refused except on
 * loopback, because the password and tokens would otherwise cross the network readable.
 */
export function checkProviderUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ClientdeckError(
      'invalid_url',
      `“${text.slice(0, 200)}” is not a web address. Enter the provider's address, for example https://my.provider.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ClientdeckError('invalid_url', `The provider's address must start with https://, not ${url.protocol}//.`);
  }
  if (!url.hostname) {
    throw new ClientdeckError('invalid_url', 'The provider address has no host name. Enter it like https://my.provider.com.');
  }
  if (url.username || url.password) {
    throw new ClientdeckError('invalid_url', 'The provider address must not contain a user name or password; enter them in their own fields.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ClientdeckError('insecure_url', `The address ${url.host} uses plain http, which would send your password unencrypted. Use its https:// address.`);
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${pathname}`;
}
