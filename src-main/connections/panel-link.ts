import { ClientdeckError } from '../errors.js';
import { isLoopbackHost } from './provider-url.js';

/**
 * Checks a one-time panel link (SSO, view-as) a provider handed back before anything opens it. The
 * provider's answer is only as trustworthy as the provider: a hostile or compromised one could
 * return `file:`, `smb:`, `ms-msdt:` or `javascript:` links (which the system would hand to an OS
 * protocol handler) or send the user to another site with the user's trust in Clientdeck. Only
 * https (http on loopback, as for the provider address itself) on the connection's own origin is
 * accepted; the link is returned as the parser normalised it.
 */
export function checkPanelLink(link: string, providerBaseUrl: string, providerName: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw refused(providerName, 'it is not a web address');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) throw refused(providerName, url.protocol === 'http:' ? 'it uses plain http' : `it is a ${url.protocol} link, not a web page`);
  if (url.username || url.password) throw refused(providerName, 'it carries a user name or password');
  const own = new URL(providerBaseUrl).origin;
  if (url.origin !== own) throw refused(providerName, `it leads to ${url.host}, not to the provider's own address ${new URL(own).host}`);
  return url.href;
}

function refused(providerName: string, why: string): ClientdeckError {
  return new ClientdeckError(
    'unsafe_link',
    `Clientdeck did not open the panel link ${providerName} sent, because ${why}. Nothing was opened; tell the provider if this keeps happening.`,
  );
}
