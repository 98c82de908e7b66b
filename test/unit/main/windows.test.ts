import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentSecurityPolicy } from '../../../src-main/windows/content-security-policy.js';
import {
  decideAppNavigation,
  decideAppNewWindow,
  decidePanelNavigation,
  decidePanelNewWindow,
  decidePermission,
} from '../../../src-main/windows/navigation-policy.js';
import { panelPartition } from '../../../src-main/windows/panel-partition.js';
import { isTrustedSender } from '../../../src-main/windows/sender-check.js';
import { mainWindowOptions, panelWindowOptions, panelWindowTitle } from '../../../src-main/windows/window-options.js';

const APP = 'file:///opt/Clientdeck/resources/app.asar/build/renderer/index.html';

describe('window options', () => {
  it('the app window is isolated, sandboxed, without Node, with the preload only', () => {
    const options = mainWindowOptions('/x/build/main/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/x/build/main/preload.cjs',
    });
    expect(options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(options.webPreferences).not.toHaveProperty('partition');
  });

  it('a panel window has no preload and its own partition', () => {
    const options = panelWindowOptions('persist:panel:a:b', 'Bellini — Demo provider');
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, partition: 'persist:panel:a:b' });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.title).toBe('Bellini — Demo provider');
  });

  it('titles a panel "<customer> — <provider>" without control characters', () => {
    expect(panelWindowTitle('Bellini Ristorante', 'Demo provider')).toBe('Bellini Ristorante — Demo provider');
    expect(panelWindowTitle('Evil\nName', ' ')).toBe('Evil Name — Provider');
  });
});

describe('panelPartition', () => {
  it('is persistent and names the connection and account', () => {
    expect(panelPartition('c1', 'acc-9')).toBe('persist:panel:c1:acc-9');
  });

  it('sanitises ids into safe characters', () => {
    const name = panelPartition('conn/../x', 'a:b c_d');
    expect(name).toMatch(/^persist:panel:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
  });

  it('never gives two different accounts the same partition', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (c1, a1, c2, a2) => {
        fc.pre(c1 !== c2 || a1 !== a2);
        expect(panelPartition(c1, a1)).not.toBe(panelPartition(c2, a2));
      }),
    );
    expect(panelPartition('a_b', 'c')).not.toBe(panelPartition('a.b', 'c'));
    expect(panelPartition('a:b', 'c')).not.toBe(panelPartition('a', 'b:c'));
  });

  it('stays short for long ids', () => {
    const long = 'x'.repeat(128);
    const name = panelPartition(long, `${long}é`);
    expect(name.length).toBeLessThan(100);
    expect(name).not.toBe(panelPartition(long, long));
  });
});

describe('navigation policy', () => {
  it('the app window stays on its own page', () => {
    expect(decideAppNavigation(`${APP}#/accounts`, APP)).toBe('allow');
    expect(decideAppNavigation('file:///etc/passwd', APP)).toBe('deny');
    expect(decideAppNavigation('https://example.com/', APP)).toBe('external');
    expect(decideAppNavigation('javascript:alert(1)', APP)).toBe('deny');
    expect(decideAppNavigation('not a url', APP)).toBe('deny');
  });

  it('the app window opens no windows; web links go to the browser', () => {
    expect(decideAppNewWindow('https://example.com/')).toBe('external');
    expect(decideAppNewWindow('file:///etc/passwd')).toBe('deny');
    expect(decideAppNewWindow('smb://host/share')).toBe('deny');
  });

  it('a panel stays on its provider origin', () => {
    const origins = ['https://my.provider.com'];
    expect(decidePanelNavigation('https://my.provider.com/panel/accounts/1', origins)).toBe('allow');
    expect(decidePanelNavigation('https://my.provider.com.evil.com/', origins)).toBe('external');
    expect(decidePanelNavigation('http://my.provider.com/', origins)).toBe('external');
    expect(decidePanelNavigation('https://my.provider.com:8443/', origins)).toBe('external');
    expect(decidePanelNavigation('https://docs.example.com/', origins)).toBe('external');
    expect(decidePanelNavigation('file:///etc/passwd', origins)).toBe('deny');
    expect(decidePanelNavigation('clientdeck://open', origins)).toBe('deny');
    expect(decidePanelNewWindow('https://my.provider.com/x')).toBe('external');
    expect(decidePanelNewWindow('data:text/html,hi')).toBe('deny');
  });

  it('grants no device permission', () => {
    expect(decidePermission('media')).toBe(false);
    expect(decidePermission('notifications')).toBe(false);
    expect(decidePermission('geolocation')).toBe(false);
    expect(decidePermission('clipboard-sanitized-write')).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const sender = { webContentsId: 7, frameUrl: `${APP}#/inbox`, isMainFrame: true };

  it('accepts the app window main frame on the app page', () => {
    expect(isTrustedSender(sender, 7, APP)).toBe(true);
  });

  it('refuses any other window, subframe, page or a gone frame', () => {
    expect(isTrustedSender({ ...sender, webContentsId: 8 }, 7, APP)).toBe(false);
    expect(isTrustedSender(sender, null, APP)).toBe(false);
    expect(isTrustedSender({ ...sender, isMainFrame: false }, 7, APP)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'https://evil.example/' }, 7, APP)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: 'file:///tmp/other.html' }, 7, APP)).toBe(false);
    expect(isTrustedSender({ ...sender, frameUrl: null }, 7, APP)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows only the app itself and forbids inline script, eval, objects and framing', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:4100']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4100");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
