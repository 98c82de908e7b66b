/**
 * The pure decisions behind the shell's hardening (issue 14 §4): which panel links may be opened,
 * how many links a panel may send to the browser, and which app:// requests reach a file.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPanelLink } from '../../../src-main/connections/panel-link.js';
import { appAsset, APP_ENTRY_URL } from '../../../src-main/windows/app-scheme.js';
import { ExternalLinkGate } from '../../../src-main/windows/external-link-gate.js';

const refusal = (link: string, base = 'https://my.host.example/clientarea') => {
  try {
    checkPanelLink(link, base, 'Host Co');
    return null;
  } catch (error) {
    return error as { code: string; message: string };
  }
};

describe('panel links from a provider', () => {
  it('accepts https on the connection’s own origin, and http only when the provider is on loopback', () => {
    expect(checkPanelLink('https://my.host.example/panel/sso/t0k', 'https://my.host.example/clientarea', 'Host Co')).toBe(
      'https://my.host.example/panel/sso/t0k',
    );
    expect(checkPanelLink('http://127.0.0.1:4100/panel/sso/t', 'http://127.0.0.1:4100', 'Demo')).toBe('http://127.0.0.1:4100/panel/sso/t');
  });

  it('refuses OS protocol handlers, script, plain http off loopback and every other origin, with a code and the reason', () => {
    for (const [link, why] of [
      ['file:///C:/Windows/System32/calc.exe', /file: link/],
      ['smb://10.0.0.5/share', /smb: link/],
      ['ms-msdt:/id PCWDiagnostic', /ms-msdt: link/],
      ['javascript:alert(1)', /javascript: link/],
      ['vbscript:msgbox', /vbscript: link/],
      ['http://my.host.example/panel/sso/t', /plain http/],
      ['https://my.host.example.evil.example/panel/sso/t', /leads to my\.host\.example\.evil\.example/],
      ['https://my.host.example:8443/panel/sso/t', /leads to my\.host\.example:8443/],
      ['https://a:b@my.host.example/panel/sso/t', /user name or password/],
      ['::not a url', /not a web address/],
    ] as const) {
      const error = refusal(link);
      expect(error, link).toMatchObject({ code: 'unsafe_link', message: expect.stringMatching(why) });
      // The sentence names the host at most, never the one-time token.
      expect(error!.message).not.toContain('/panel/sso/t');
    }
  });

  it('never accepts a link whose origin differs from the connection’s', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http'] }), (link) => {
        const accepted = refusal(link) === null;
        expect(accepted).toBe(new URL(link).origin === 'https://my.host.example' && !new URL(link).username && !new URL(link).password);
      }),
    );
  });
});

describe('links a panel sends to the system browser', () => {
  it('asks about one at a time, at most three per ten seconds per panel, and forgets a closed panel', () => {
    let now = 1_000_000;
    const gate = new ExternalLinkGate({ clock: () => now });
    expect(gate.request('a')).toBe('ask');
    expect(gate.request('a')).toBe('asking');
    expect(gate.request('b')).toBe('ask');
    gate.answered('a');
    expect(gate.request('a')).toBe('ask');
    gate.answered('a');
    expect(gate.request('a')).toBe('ask');
    gate.answered('a');
    expect(gate.request('a')).toBe('too_many');
    now += 9_999;
    expect(gate.request('a')).toBe('too_many');
    now += 1;
    expect(gate.request('a')).toBe('ask');
    gate.answered('a');
    gate.forget('b');
    expect(gate.request('b')).toBe('ask');
  });
});

describe('the app:// scheme', () => {
  const root = path.resolve('/opt/Clientdeck/build/renderer');

  it('serves the entry page and the built assets of the renderer folder', () => {
    expect(appAsset(root, APP_ENTRY_URL)).toEqual({ file: path.join(root, 'index.html') });
    expect(appAsset(root, 'app://clientdeck/')).toEqual({ file: path.join(root, 'index.html') });
    expect(appAsset(root, 'app://clientdeck/assets/index-abc.js?v=1#x')).toEqual({ file: path.join(root, 'assets/index-abc.js') });
  });

  it('refuses escapes from the folder (also percent-encoded), NUL, backslashes and other hosts', () => {
    // Dot segments, typed or as %2e, are resolved by the URL parser (Chromium's and Node's alike)
    // before any handler sees them: they end at the folder's root and cannot climb above it.
    expect(appAsset(root, 'app://clientdeck/%2e%2e/%2e%2e/etc/passwd')).toEqual({ file: path.join(root, 'etc/passwd') });
    expect(appAsset(root, 'app://clientdeck/../../main/main.mjs')).toEqual({ file: path.join(root, 'main/main.mjs') });
    for (const url of [
      'app://clientdeck/..%2f..%2fetc%2fpasswd',
      'app://clientdeck/assets%2f%2e%2e%2f%2e%2e%2fmain%2fmain.mjs',
      'app://clientdeck/assets/%5c..%5c..%5cmain.mjs',
      'app://clientdeck/index.html%00.png',
      'app://clientdeck/%E0%A4%A',
    ]) {
      expect(appAsset(root, url), url).toEqual({ refused: 'bad_path' });
    }
    expect(appAsset(root, 'app://evil/index.html')).toEqual({ refused: 'other_host' });
    expect(appAsset(root, 'file:///etc/passwd')).toEqual({ refused: 'other_host' });
  });

  it('never resolves a file outside the renderer folder, whatever the path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('..', '%2e%2e', '%2E.', 'assets', 'a%2fb', '%5c', '.', 'index.html', ''), { maxLength: 6 }), (parts) => {
        const result = appAsset(root, `app://clientdeck/${parts.join('/')}`);
        if ('file' in result) expect(result.file.startsWith(root + path.sep)).toBe(true);
      }),
    );
  });
});
