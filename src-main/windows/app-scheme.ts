import path from 'node:path';

/**
 * The app's own page is served from `app://clientdeck/`, a privileged scheme of its own, not from
 * file://: under file:// every local file is 'self' for the page's CSP, and whether a header set
 * in `onHeadersReceived` applies to file:// at all is disputed. On its own origin the page's CSP
 * comes with every response (app/app-protocol.ts) and 'self' means the built renderer only.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'clientdeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** What Chromium is told about the scheme before ready: a standard, secure origin that fetch may load from. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

export type AppAsset = { file: string } | { refused: 'other_host' | 'bad_path' };

/**
 * Maps an `app://clientdeck/...` request to a file of the built renderer. Another host, an
 * undecodable path, NUL, backslashes or any `..` segment (also percent-encoded, which the URL
 * parser leaves alone) is refused outright rather than clamped, and the result is checked to lie
 * inside `rendererDir` once more. A path without a file name is the entry page.
 */
export function appAsset(rendererDir: string, requestUrl: string): AppAsset {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { refused: 'bad_path' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { refused: 'other_host' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { refused: 'bad_path' };
  }
  const segments = decoded.split('/');
  if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s === '..' || s === '.')) return { refused: 'bad_path' };
  const root = path.resolve(rendererDir);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return { refused: 'bad_path' };
  return { file };
}
