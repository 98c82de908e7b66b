/**
 * A provider's one-time panel links are checked before anything opens them (issue 14 §4): a
 * hostile or compromised provider answers `POST /accounts/{id}/sso` with a link of its choosing,
 * here through a loopback proxy that rewrites the real provider's answer (fixtures/sso-rewriting-proxy.ts). Only https (http on
 * loopback) on the connection's own origin gets through; the desktop opener is never called with
 * anything else, and the renderer is never handed the link main opened itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelOpener } from '../../../src-main/ipc/handler-deps.js';
import { MemoryVault } from '../../../src-main/vault/memory-vault.js';
import { call, newCore, tempDir } from './fixtures/environment.js';
import { addAccounts, addLogin, startSeededProvider, type SeededProvider } from './fixtures/provider.js';
import { startSsoRewritingProxy, type SsoRewritingProxy } from './fixtures/sso-rewriting-proxy.js';

describe('panel links a provider hands back', () => {
  let provider: SeededProvider;
  let proxy: SsoRewritingProxy;
  let accountId: string;
  let login: { email: string; password: string };

  beforeAll(async () => {
    provider = await startSeededProvider();
    const me = await addLogin(provider, 'Links');
    [accountId] = (await addAccounts(provider, me, 1, 'Linked')) as [string];
    login = me;
    proxy = await startSsoRewritingProxy(provider.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await provider?.close();
  });

  async function coreWith(opener: PanelOpener | null) {
    const core = newCore(tempDir('panel-links'), { vault: new MemoryVault(), panelOpener: opener });
    const { id } = await call(core, 'connections.add', { baseUrl: proxy.url, email: login.email, password: login.password, label: 'Hostile host' });
    await core.idle();
    return { core, connectionId: id as string };
  }

  it('refuses other schemes and other origins with a coded sentence, and never calls the opener', async () => {
    const opened: string[] = [];
    const { core, connectionId } = await coreWith({ open: async ({ url }) => (opened.push(url), true) });
    const { port } = new URL(proxy.url);
    try {
      for (const [link, why] of [
        ['file:///etc/passwd', /file: link, not a web page/],
        ['smb://attacker.example/share/payload.exe', /smb: link/],
        ['ms-msdt:/id PCWDiagnostic /skip force', /ms-msdt: link/],
        ['javascript:alert(document.cookie)', /javascript: link/],
        ['https://evil.example/panel/sso/abc', /leads to evil\.example, not to the provider's own address 127\.0\.0\.1/],
        [`http://localhost:${port}/panel/sso/abc`, /leads to localhost/],
        ['http://203.0.113.9/panel/sso/abc', /plain http/],
        [`http://user:pw@127.0.0.1:${port}/panel/sso/abc`, /user name or password/],
      ] as const) {
        proxy.ssoLink = link;
        const reply = await core.dispatch('panel.open', { connectionId, accountId, target: 'window' });
        expect(reply, link).toMatchObject({ ok: false, error: { code: 'unsafe_link', message: expect.stringMatching(why) } });
        expect((reply as { error: { message: string } }).error.message).toMatch(/^Clientdeck did not open the panel link Hostile host sent/);
      }
      expect(opened).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('opens a link on the connection’s own origin, and tells the renderer nothing secret when main opened it', async () => {
    const opened: string[] = [];
    const { core, connectionId } = await coreWith({ open: async ({ url }) => (opened.push(url), true) });
    try {
      proxy.ssoLink = `${proxy.url}/panel/sso/own-origin-token`;
      const reply = await call(core, 'panel.open', { connectionId, accountId, target: 'window' });
      expect(reply).toMatchObject({ handled: true, url: '' });
      expect(opened).toEqual([`${proxy.url}/panel/sso/own-origin-token`]);
      const browser = await call(core, 'panel.open', { connectionId, accountId, target: 'browser' });
      expect(browser).toMatchObject({ handled: true, url: '' });
    } finally {
      await core.close();
    }
  });

  it('hands the checked link to the page only where main cannot open it (web mode: no opener)', async () => {
    const { core, connectionId } = await coreWith(null);
    try {
      proxy.ssoLink = `${proxy.url}/panel/sso/for-the-page`;
      const reply = await call(core, 'panel.open', { connectionId, accountId, target: 'window' });
      expect(reply).toMatchObject({ handled: false, url: `${proxy.url}/panel/sso/for-the-page` });
      proxy.ssoLink = 'javascript:alert(1)';
      expect(await core.dispatch('panel.open', { connectionId, accountId, target: 'window' })).toMatchObject({ ok: false, error: { code: 'unsafe_link' } });
    } finally {
      await core.close();
    }
  });
});
