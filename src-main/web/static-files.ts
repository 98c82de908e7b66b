import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file inside `root`, or null when it would escape it. Paths without a
 * file extension are app routes: they get index.html (SPA fallback).
 */
export function resolveStaticPath(root: string, urlPath: string): { file: string; fallback: boolean } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (decoded.endsWith('/') || path.extname(decoded) === '') return { file: path.join(root, 'index.html'), fallback: true };
  return { file, fallback: false };
}

/** Serves the built renderer with the given security headers. */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
    return;
  }
  const target = resolveStaticPath(path.resolve(root), req.url ?? '/');
  if (!target) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad path\n');
    return;
  }
  let body: Buffer;
  try {
    body = await fs.readFile(target.file);
  } catch {
    if (target.fallback) {
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`The renderer is not built (${path.join(root, 'index.html')} is missing). Run \`npm run web\`, which builds it first.\n`);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    }
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeOf(target.file),
    'Content-Length': body.length,
    // index.html changes with every build; hashed assets never do.
    'Cache-Control': target.fallback || target.file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
