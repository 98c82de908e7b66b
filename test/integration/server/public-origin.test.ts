/**
 * The security review's findings about where the server thinks it is (issue 14 §4): mailed links
 * and SSO URLs come from the configured public URL, never from the Host header; only the public
 * host and the loopback names are answered (DNS rebinding); cookies are Secure when users reach
 * the server over https; the development mail viewer opens without the admin key only on a
 * server only this machine reaches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LOGINS } from '../../../src-server/demo/demo-logins.js';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Database } from '../../../src-server/db/tables.js';
import { type ClientArea, type ClientAreaOptions, startClientArea } from '../../../src-server/server.js';
import { rawRequest, setCookies } from './fixtures/raw-http.js';

const PASSWORD = 'Correct-Horse-7';
const PUBLIC = 'https://clientarea.example';

interface Started {
  server: ClientArea;
  port: string;
  db: Kysely<Database>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<ClientAreaOptions> = {}, env: Record<string, string> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-origin-'));
  const databaseFile = join(dir, 'clientarea.sqlite');
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let server: ClientArea;
  try {
    server = await startClientArea({ databaseFile, databaseUrl: '', adminKey: 'test-admin-key', ...options });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const db = openDatabase({ file: databaseFile, url: '' });
  cleanups.push(async () => {
    await db.destroy();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { server, port: new URL(server.url).port, db };
}

const mailsTo = (db: Kysely<Database>, to: string) => db.selectFrom('outbox').select(['text', 'html']).where('to_address', '=', to).execute();

describe('links come from the public URL, never from the Host header', () => {
  it('a sign-up mail and an SSO URL use CLIENTAREA_PUBLIC_URL whatever Host the request names', async () => {
    const { server, port, db } = await start({}, { CLIENTAREA_PUBLIC_URL: PUBLIC });
    expect(server.publicUrl).toBe(PUBLIC);
    const signup = await rawRequest(
      server.url,
      'POST',
      '/api/v1/signup',
      { host: `localhost:${port}` },
      { email: 'new@example.com', name: 'New', password: PASSWORD },
    );
    expect(signup.status).toBe(202);
    const [mail] = await mailsTo(db, 'new@example.com');
    expect(mail?.text).toContain(`${PUBLIC}/panel/verify-email?token=`);
    expect(mail?.text).not.toContain('localhost');

    const account = await rawRequest(
      server.url,
      'POST',
      '/api/v1/admin/accounts',
      { host: `localhost:${port}`, authorization: 'Bearer test-admin-key' },
      {
        name: 'Shop',
        ownerEmail: 'new@example.com',
      },
    );
    expect(account.status).toBe(201);
    // A plain sign-up hands out no tokens (its answer must not tell a new email from a taken one): sign in.
    const session = await rawRequest(server.url, 'POST', '/api/v1/session', { host: `localhost:${port}` }, { email: 'new@example.com', password: PASSWORD });
    expect(session.status).toBe(200);
    const sso = await rawRequest(server.url, 'POST', `/api/v1/accounts/${account.body.id}/sso`, {
      host: `localhost:${port}`,
      authorization: `Bearer ${session.body.accessToken}`,
    });
    expect(sso.status).toBe(200);
    expect(sso.body.url.startsWith(`${PUBLIC}/panel/sso/`)).toBe(true);
  });

  it('without a public URL, links use the loopback URL it listens on, not the Host sent', async () => {
    const { server, port, db } = await start();
    expect(server.publicUrl).toBe(server.url);
    const signup = await rawRequest(
      server.url,
      'POST',
      '/api/v1/signup',
      { host: `localhost:${port}` },
      { email: 'b@example.com', name: 'B', password: PASSWORD },
    );
    expect(signup.status).toBe(202);
    const [mail] = await mailsTo(db, 'b@example.com');
    expect(mail?.text).toContain(`http://127.0.0.1:${port}/panel/verify-email?token=`);
    expect(mail?.html).not.toContain('localhost');
  });

  it('a forwarded host is not believed without a trusted proxy', async () => {
    const { server, db } = await start({ publicUrl: PUBLIC });
    const signup = await rawRequest(
      server.url,
      'POST',
      '/api/v1/signup',
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
      {
        email: 'c@example.com',
        name: 'C',
        password: PASSWORD,
      },
    );
    expect(signup.status).toBe(202);
    const [mail] = await mailsTo(db, 'c@example.com');
    expect(mail?.text).toContain(`${PUBLIC}/panel/verify-email?token=`);
    expect(mail?.text).not.toContain('evil.example');
  });

  it('an empty option overrides the environment (the embedded demo provider stays on loopback)', async () => {
    const { server } = await start({ publicUrl: '', trustProxy: '' }, { CLIENTAREA_PUBLIC_URL: PUBLIC, CLIENTAREA_TRUST_PROXY: 'true' });
    expect(server.publicUrl).toBe(server.url);
    const page = await rawRequest(server.url, 'GET', '/panel/sign-in', { 'x-forwarded-proto': 'https' });
    for (const c of setCookies(page)) expect(c).not.toMatch(/Secure/);
  });

  it('refuses a public URL it cannot build links from', async () => {
    await expect(start({ publicUrl: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'public_url_invalid' });
    await expect(start({ publicUrl: 'https://clientarea.example/area?x=1' })).rejects.toMatchObject({ code: 'public_url_invalid' });
    await expect(start({ trustProxy: 'the proxy' })).rejects.toMatchObject({ code: 'trust_proxy_invalid' });
  });
});

describe('only the public host and the loopback names are answered (DNS rebinding)', () => {
  it('a request naming another host gets a 421 problem and changes nothing', async () => {
    const { server, port, db } = await start({ publicUrl: PUBLIC });
    const signup = await rawRequest(server.url, 'POST', '/api/v1/signup', { host: 'evil.example' }, { email: 'd@example.com', name: 'D', password: PASSWORD });
    expect(signup.status).toBe(421);
    expect(signup.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(signup.body.code).toBe('host_not_allowed');
    expect(signup.body.detail).toMatch(/host/);
    expect(await mailsTo(db, 'd@example.com')).toEqual([]);
    expect(await db.selectFrom('users').select('id').where('email', '=', 'd@example.com').execute()).toEqual([]);

    for (const host of [`evil.example:${port}`, 'clientarea.example.evil.example', `localhost:${Number(port) + 1}`]) {
      const page = await rawRequest(server.url, 'GET', '/panel/sign-in', { host });
      expect(page.status, host).toBe(421);
      expect(page.body.code, host).toBe('host_not_allowed');
    }
  });

  it('answers the public host (with or without its default port) and 127.0.0.1, localhost and [::1] on its port', async () => {
    const { server, port } = await start({ publicUrl: PUBLIC });
    for (const host of ['clientarea.example', 'CLIENTAREA.example:443', `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const page = await rawRequest(server.url, 'GET', '/panel/sign-in', { host });
      expect(page.status, host).toBe(200);
    }
  });

  it('the embedded demo provider as the app starts it answers its own loopback URL', async () => {
    const { server } = await start({ demo: true });
    const res = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_LOGINS.agency.email, password: DEMO_LOGINS.agency.password }),
    });
    expect(res.status).toBe(200);
    const page = await fetch(`${server.url}/panel/sign-in`);
    expect(page.status).toBe(200);
  });
});

describe('Secure cookies', () => {
  it('are Secure when the public URL is https, though TLS ends at a proxy in front', async () => {
    const { server } = await start({ publicUrl: PUBLIC });
    const page = await rawRequest(server.url, 'GET', '/panel/sign-in', { host: 'clientarea.example' });
    const cookies = setCookies(page);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/; Secure$/);
  });

  it('are not Secure on a plain-http loopback server, and X-Forwarded-Proto is ignored without a trusted proxy', async () => {
    const { server } = await start();
    const page = await rawRequest(server.url, 'GET', '/panel/sign-in', { 'x-forwarded-proto': 'https' });
    const cookies = setCookies(page);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).not.toMatch(/Secure/);
  });

  it('follow X-Forwarded-Proto from a trusted proxy (--trust-proxy, CLIENTAREA_TRUST_PROXY)', async () => {
    const { server } = await start({}, { CLIENTAREA_TRUST_PROXY: '127.0.0.1' });
    const secure = setCookies(await rawRequest(server.url, 'GET', '/panel/sign-in', { 'x-forwarded-proto': 'https' }));
    expect(secure.length).toBeGreaterThan(0);
    for (const c of secure) expect(c).toMatch(/; Secure$/);
    const plain = setCookies(await rawRequest(server.url, 'GET', '/panel/sign-in', { 'x-forwarded-proto': 'http' }));
    for (const c of plain) expect(c).not.toMatch(/Secure/);
  });
});

describe('the development mail viewer', () => {
  it('opens without a key in demo mode on a loopback bind', async () => {
    const { server } = await start({ demo: true });
    const res = await fetch(`${server.url}/panel/dev/mail`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Outbox');
  });

  it('needs the admin key in demo mode on a bind other machines reach, or behind a public URL', async () => {
    for (const options of [
      { demo: true, host: '0.0.0.0' },
      { demo: true, publicUrl: PUBLIC },
    ]) {
      const { server } = await start(options);
      const anonymous = await fetch(`${server.url}/panel/dev/mail`);
      expect(anonymous.status, JSON.stringify(options)).toBe(404);
      expect(await anonymous.text()).not.toContain('Outbox</h1>');
      const admin = await fetch(`${server.url}/panel/dev/mail`, { headers: { authorization: `Bearer ${server.adminKey}` } });
      expect(admin.status, JSON.stringify(options)).toBe(200);
    }
  });
});
