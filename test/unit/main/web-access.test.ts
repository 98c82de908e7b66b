import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessTokenMatches, createAccessToken, hostAllowed, originAllowed } from '../../../src-main/web/access-token.js';
import { contentTypeOf, resolveStaticPath } from '../../../src-main/web/static-files.js';

describe('web-mode access token', () => {
  it('is long, random and compared exactly', () => {
    const token = createAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createAccessToken()).not.toBe(token);
    expect(accessTokenMatches(token, token)).toBe(true);
    expect(accessTokenMatches(`${token}x`, token)).toBe(false);
    expect(accessTokenMatches(token.slice(1), token)).toBe(false);
    expect(accessTokenMatches('', token)).toBe(false);
    expect(accessTokenMatches(null, token)).toBe(false);
    expect(accessTokenMatches(undefined, token)).toBe(false);
  });

  it('accepts only its own loopback origin and host', () => {
    expect(originAllowed('http://127.0.0.1:4100', 4100)).toBe(true);
    expect(originAllowed('http://localhost:4100', 4100)).toBe(true);
    expect(originAllowed(undefined, 4100)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4101', 4100)).toBe(false);
    expect(originAllowed('https://evil.example', 4100)).toBe(false);
    expect(originAllowed('null', 4100)).toBe(false);
    expect(hostAllowed('127.0.0.1:4100', 4100)).toBe(true);
    expect(hostAllowed('evil.example:4100', 4100)).toBe(false);
    expect(hostAllowed(undefined, 4100)).toBe(false);
  });
});

describe('static files', () => {
  const root = path.resolve('/srv/renderer');

  it('serves files inside the renderer folder and falls back to index.html for routes', () => {
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toEqual({ file: path.join(root, 'assets/index-abc.js'), fallback: false });
    expect(resolveStaticPath(root, '/')).toEqual({ file: path.join(root, 'index.html'), fallback: true });
    expect(resolveStaticPath(root, '/accounts/42?x=1')).toEqual({ file: path.join(root, 'index.html'), fallback: true });
  });

  it('never leaves the renderer folder', () => {
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd.txt', '/assets/..%2f..%2f..%2fetc%2fpasswd.txt']) {
      const resolved = resolveStaticPath(root, attempt);
      if (resolved) expect(resolved.file.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveStaticPath(root, '/%00.js')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A.js')).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeOf('a.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });
});
