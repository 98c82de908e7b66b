import fs from 'node:fs/promises';
import { protocol } from 'electron';
import type { Logger } from 'pino';
import { contentTypeOf } from '../web/static-files.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appAsset } from '../windows/app-scheme.js';
import { contentSecurityPolicy } from '../windows/content-security-policy.js';

/** Must run before the app is ready: Chromium fixes the scheme's privileges at start. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Serves the built renderer on `app://clientdeck/`: the files of `rendererDir` only, each response
 * with the desktop CSP (no WebSocket: that is web mode's), nosniff and no caching of the page. A
 * path that tries to leave the folder is refused with 403, a missing file is 404.
 */
export function serveAppScheme(rendererDir: string, logger: Logger): void {
  const security = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const plain = (status: number, text: string) => new Response(text, { status, headers: { ...security, 'Content-Type': 'text/plain; charset=utf-8' } });

  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const asset = appAsset(rendererDir, request.url);
    if ('refused' in asset) {
      logger.warn({ refused: asset.refused }, 'refused an app:// request');
      return plain(403, 'Forbidden');
    }
    let body: Buffer;
    try {
      body = await fs.readFile(asset.file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...security, 'Content-Type': contentTypeOf(asset.file), 'Cache-Control': 'no-cache' },
    });
  });
}
