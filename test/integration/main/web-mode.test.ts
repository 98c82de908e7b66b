import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../src-shared/ipc/wire.js';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { startWebMode, type WebMode } from '../../../src-main/web/web-mode.js';
import { requireSecretService, startProvider, tempDir } from './fixtures/environment.js';

/** Opens a socket and resolves with it, or rejects with the HTTP status of the refusal. */
function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function client(ws: WebSocket) {
  const messages: WireMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as WireMessage));
  return {
    messages,
    async reply(id: number, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.kind === 'reply' && m.id === id);
        if (found && found.kind === 'reply') return found.reply;
        if (Date.now() > end) throw new Error(`no reply to ${id}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

describe('web mode', () => {
  let web: WebMode;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  const rendererDir = tempDir('renderer');

  beforeAll(async () => {
    await requireSecretService();
    provider = await startProvider();
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Clientdeck</title><script type="module" src="./assets/app.js"></script>');
    fs.writeFileSync(path.join(rendererDir, 'assets/app.js'), 'console.log("hi")');
    web = await startWebMode({ dataDir: tempDir('web'), port: 0, rendererDir });
  });
  afterAll(async () => {
    await web?.close();
    await provider?.close();
  });

  it('announces a loopback URL with the token in the fragment', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(43);
  });

  it('serves the renderer with a strict CSP and an SPA fallback', async () => {
    const index = await fetch(`http://127.0.0.1:${web.port}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${web.port}`);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const route = await fetch(`http://127.0.0.1:${web.port}/accounts/42`);
    expect(await route.text()).toContain('<title>Clientdeck</title>');
    const script = await fetch(`http://127.0.0.1:${web.port}/assets/app.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`http://127.0.0.1:${web.port}/assets/missing.js`)).status).toBe(404);
    for (const escape of ['/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2f..%2fetc%2fhostname.txt']) {
      const response = await fetch(`http://127.0.0.1:${web.port}${escape}`);
      const body = await response.text();
      expect(body).not.toMatch(/root:|^[a-z0-9-]+\n$/);
      if (response.status === 200) expect(body).toContain('<title>Clientdeck</title>');
    }
    // A DNS-rebinding page reaches us under a foreign Host name (fetch cannot set Host; node:http can).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: web.port, path: '/', headers: { host: `evil.example:${web.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('refuses a socket with a missing or wrong token, or from a foreign origin', async () => {
    const base = `ws://127.0.0.1:${web.port}/ipc`;
    await expect(connect(base)).rejects.toThrow('refused 401');
    await expect(connect(`${base}?token=wrong`)).rejects.toThrow('refused 401');
    await expect(connect(`${base}?token=${web.token}x`)).rejects.toThrow('refused 401');
    await expect(connect(`${base}?token=${web.token}`, 'https://evil.example')).rejects.toThrow('refused 403');
    await expect(connect(`ws://127.0.0.1:${web.port}/other?token=${web.token}`)).rejects.toThrow('refused 404');
  });

  it('answers requests with the right token, refuses malformed ones and pushes events', async () => {
    const ws = await connect(`ws://127.0.0.1:${web.port}/ipc?token=${web.token}`, `http://127.0.0.1:${web.port}`);
    const c = client(ws);
    try {
      ws.send(JSON.stringify({ id: 1, channel: 'connections.list', input: {} }));
      expect(await c.reply(1)).toEqual({ ok: true, result: [] });

      ws.send(JSON.stringify({ id: 2, channel: 'connections.add', input: { baseUrl: 1 } }));
      expect(await c.reply(2)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      ws.send(JSON.stringify({ id: 3, channel: 'nope', input: {} }));
      expect(await c.reply(3)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      ws.send('{not json');
      expect(await c.reply(-1)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      ws.send(JSON.stringify({ id: 4, channel: 'connections.list', input: {}, extra: true }));
      expect(await c.reply(4)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });

      ws.send(
        JSON.stringify({
          id: 5,
          channel: 'connections.add',
          input: { baseUrl: provider.url, email: DEMO_LOGINS.agency.email, password: DEMO_LOGINS.agency.password },
        }),
      );
      const added = await c.reply(5);
      expect(added).toMatchObject({ ok: true, result: { email: DEMO_LOGINS.agency.email } });
      const end = Date.now() + 10_000;
      while (!c.messages.some((m) => m.kind === 'event' && m.event === 'data.changed') && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(c.messages.some((m) => m.kind === 'event' && m.event === 'data.changed')).toBe(true);

      ws.send(JSON.stringify({ id: 6, channel: 'connections.remove', input: { connectionId: (added as { result: { id: string } }).result.id } }));
      expect(await c.reply(6)).toEqual({ ok: true, result: { removed: true } });
    } finally {
      ws.close();
    }
  });
});
