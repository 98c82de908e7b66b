/**
 * The shell's hardening of issue 14 §4, on the real shell: the page is served from app:// with
 * its CSP on every response and no way out of the renderer folder, and a panel cannot open
 * browser tabs without the user's yes, nor more than three in ten seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/windows/content-security-policy.js';
import { appEntryUrl, isCall, rendererDir, startShell, windowsMade, type RunningShell } from './shell-process.js';

describe('the shell’s own page and its panels', () => {
  let shell: RunningShell;

  beforeAll(async () => {
    shell = startShell();
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
    await shell.waitFor('the first sync', (r) => r.method === 'send' && JSON.stringify(r.args).includes('"state":"synced"'));
  });
  afterAll(async () => {
    await shell?.stop();
  });

  it('registers app:// as a privileged standard scheme before ready and loads the page from it', () => {
    const registered = shell.find(isCall('protocol', 'registerSchemesAsPrivileged'))[0]!;
    expect(registered.args[0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(registered.seq).toBeLessThan(shell.find(isCall('app', 'whenReady'))[0]!.seq);
    expect(shell.find(isCall('protocol', 'handle')).map((r) => r.args[0])).toEqual(['app']);
    expect(shell.find(isCall('window:1', 'loadURL')).map((r) => r.args[0])).toEqual([appEntryUrl]);
  });

  it('answers every app:// request with the desktop CSP, which allows no WebSocket', async () => {
    const desktopPolicy = contentSecurityPolicy();
    expect(desktopPolicy).not.toMatch(/ws:/);
    const asset = fs.readdirSync(path.join(rendererDir, 'assets')).find((f) => f.endsWith('.js'))!;
    const page = await shell.send('protocolRequest', { url: appEntryUrl });
    expect(page).toMatchObject({ status: 200, headers: { 'content-security-policy': desktopPolicy, 'content-type': 'text/html; charset=utf-8' } });
    expect(page.body).toBe(fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8'));
    expect(page.body).not.toMatch(/ws:\/\//);
    const script = await shell.send('protocolRequest', { url: `app://clientdeck/assets/${asset}` });
    expect(script).toMatchObject({
      status: 200,
      headers: { 'content-security-policy': desktopPolicy, 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
    const missing = await shell.send('protocolRequest', { url: 'app://clientdeck/assets/none.js' });
    expect(missing).toMatchObject({ status: 404, headers: { 'content-security-policy': desktopPolicy } });
  });

  it('refuses requests that try to leave the renderer folder, and other hosts of the scheme', async () => {
    for (const url of [
      'app://clientdeck/..%2f..%2fmain%2fmain.mjs',
      'app://clientdeck/assets%2f%2e%2e%2f%2e%2e%2fmain%2fpreload.cjs',
      'app://clientdeck/%5c..%5c..%5cpackage.json',
      'app://clientdeck/index.html%00.js',
      'app://elsewhere/index.html',
    ]) {
      const refused = await shell.send('protocolRequest', { url });
      expect(refused, url).toMatchObject({ status: 403, body: 'Forbidden', headers: { 'content-security-policy': contentSecurityPolicy() } });
    }
    // Dot segments are resolved by the URL parser first: they stop at the folder's root.
    expect(await shell.send('protocolRequest', { url: 'app://clientdeck/../../main/main.mjs' })).toMatchObject({ status: 404 });
    expect(await shell.send('protocolRequest', { url: appEntryUrl, method: 'POST' })).toMatchObject({ status: 405 });
  });

  it('asks before a panel’s link goes to the browser, one question at a time, three per ten seconds', async () => {
    const [account] = (await shell.invoke('accounts.list')).result as any[];
    await shell.invoke('panel.open', { connectionId: account.connectionId, accountId: account.id, target: 'window' });
    const panel = windowsMade(shell.records)[1]!;
    const start = shell.records.at(-1)!.seq;
    const since = (match: (r: any) => boolean) => shell.records.filter((r) => r.seq > start && match(r));
    const leave = (url: string) => shell.send('navigate', { contents: panel.webContents, url });

    // A link out: the user is asked, naming the site, in the panel's window.
    expect(await leave('https://one.example/a')).toEqual({ prevented: true });
    const asked = await shell.waitFor('the first question', isCall('dialog', 'showMessageBox'), { after: start });
    expect(asked.args[0]).toEqual({ ref: panel.window });
    expect(asked.args[1]).toMatchObject({
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      cancelId: 1,
      defaultId: 1,
      message: expect.stringContaining('one.example'),
    });
    // While the question is open, more links are dropped, not stacked behind it.
    expect(await leave('https://two.example/')).toEqual({ prevented: true });
    expect(await shell.send('windowOpen', { contents: panel.webContents, url: 'https://three.example/' })).toEqual({ action: 'deny' });
    expect(since(isCall('dialog', 'showMessageBox'))).toHaveLength(1);
    // Cancel opens nothing.
    await shell.send('answerDialog', { response: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(since(isCall('shell', 'openExternal'))).toEqual([]);

    for (const url of ['https://four.example/', 'https://five.example/']) {
      const mark = shell.records.at(-1)!.seq;
      await leave(url);
      await shell.waitFor(`the question for ${url}`, isCall('dialog', 'showMessageBox'), { after: mark });
      await shell.send('answerDialog', { response: 0 });
      await shell.waitFor(`${url} to open`, (r) => isCall('shell', 'openExternal')(r) && r.args[0] === url, { after: mark });
    }
    // A fourth link within ten seconds is dropped without a question.
    expect(await leave('https://six.example/')).toEqual({ prevented: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(since(isCall('dialog', 'showMessageBox'))).toHaveLength(3);
    expect(since(isCall('shell', 'openExternal')).map((r) => r.args[0])).toEqual(['https://four.example/', 'https://five.example/']);
  });
});
