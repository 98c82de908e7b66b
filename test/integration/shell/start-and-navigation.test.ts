/**
 * A user's day with the real shell, part one: the app starts, the page tries to leave, a customer's
 * panel opens, and something that is not the app's page talks to main. Every check reads the
 * stand-in's records of what the shell asked Electron to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src-main/windows/content-security-policy.js';
import { appEntryUrl, isCall, preloadPath, startShell, windowsMade, type RunningShell } from './shell-process.js';

const SECURE_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  navigateOnDragDrop: false,
  // No middle-click opening links around the window-open handler.
  disableBlinkFeatures: 'Auxclick',
};

describe('the shell started by a user', () => {
  let shell: RunningShell;

  beforeAll(async () => {
    shell = startShell();
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
    // The first start adds the demo provider and syncs it.
    await shell.waitFor('the first sync', (r) => r.method === 'send' && JSON.stringify(r.args).includes('"state":"synced"'));
  });
  afterAll(async () => {
    await shell?.stop();
  });

  it('takes the single-instance lock, registers clientdeck:// and turns the sandbox on before anything is ready', () => {
    const seqOf = (method: string) => shell.find(isCall('app', method))[0]?.seq ?? Infinity;
    expect(shell.find(isCall('app', 'setAsDefaultProtocolClient'))[0]!.args[0]).toBe('clientdeck');
    expect(seqOf('enableSandbox')).toBeLessThan(seqOf('whenReady'));
    expect(seqOf('requestSingleInstanceLock')).toBeLessThan(seqOf('whenReady'));
    expect(seqOf('setAsDefaultProtocolClient')).toBeLessThan(seqOf('whenReady'));
    expect(shell.find(isCall('app', 'on')).map((r) => r.args[0])).toEqual(expect.arrayContaining(['second-instance', 'open-url']));
  });

  it('makes one app window: isolated, sandboxed, no Node, web security on, only the preload, the built page', () => {
    const [main, ...others] = windowsMade(shell.records);
    expect(others).toEqual([]);
    expect(main!.options.show).toBe(false);
    expect(main!.options.webPreferences).toMatchObject({ ...SECURE_PREFERENCES, preload: preloadPath });
    expect(main!.options.webPreferences.partition).toBeUndefined();
    // The built page on the app's own scheme, never a file:// URL.
    expect(shell.find(isCall(main!.window, 'loadURL')).map((r) => r.args[0])).toEqual([appEntryUrl]);
    expect(shell.find(isCall(main!.window, 'loadFile'))).toEqual([]);
    expect(shell.find(isCall(main!.webContents, 'setWindowOpenHandler'))).toHaveLength(1);
    expect(shell.find(isCall(main!.webContents, 'on')).map((r) => r.args[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview']));
  });

  it('puts the Content-Security-Policy on every response, replacing whatever the response said', async () => {
    for (const details of [
      { url: appEntryUrl, resourceType: 'mainFrame', responseHeaders: {} },
      { url: 'file:///x/assets/index.js', resourceType: 'script', responseHeaders: { 'Content-Type': ['text/javascript'] } },
      { url: 'https://provider.example/', resourceType: 'xhr', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
    ]) {
      const response = await shell.send('response', { partition: 'default', details });
      expect(response.responseHeaders['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    }
  });

  it('denies every permission the page or a site could ask for, on request and on check', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'midi', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb']) {
      expect(await shell.send('permission', { partition: 'default', permission })).toEqual({ request: false, check: false });
    }
  });

  it('keeps the app window on its own page: web links go to the system browser, other schemes nowhere', async () => {
    const contents = windowsMade(shell.records)[0]!.webContents;
    const before = shell.records.length;
    expect(await shell.send('navigate', { contents, url: `${appEntryUrl}#/accounts` })).toEqual({ prevented: false });
    expect(await shell.send('navigate', { contents, url: 'https://elsewhere.example/phish' })).toEqual({ prevented: true });
    expect(await shell.send('navigate', { contents, url: 'http://elsewhere.example/' })).toEqual({ prevented: true });
    expect(await shell.send('navigate', { contents, url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    expect(await shell.send('navigate', { contents, url: 'javascript:alert(1)' })).toEqual({ prevented: true });
    expect(await shell.send('navigate', { contents, event: 'will-attach-webview', url: 'https://elsewhere.example/' })).toEqual({ prevented: true });
    const opened = shell.records.slice(before).filter(isCall('shell', 'openExternal'));
    expect(opened.map((r) => r.args[0])).toEqual(['https://elsewhere.example/phish', 'http://elsewhere.example/']);
  });

  it('opens no new window from the app page: https links go to the system browser, anything else is dropped', async () => {
    const contents = windowsMade(shell.records)[0]!.webContents;
    const before = shell.records.length;
    expect(await shell.send('windowOpen', { contents, url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(await shell.send('windowOpen', { contents, url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(await shell.send('windowOpen', { contents, url: 'clientdeck://accounts' })).toEqual({ action: 'deny' });
    expect(
      shell.records
        .slice(before)
        .filter(isCall('shell', 'openExternal'))
        .map((r) => r.args[0]),
    ).toEqual(['https://docs.example/help']);
    expect(windowsMade(shell.records)).toHaveLength(1);
  });

  it('opens a panel in its own partition per account, without preload, titled with the customer, held to the provider', async () => {
    const accounts: any[] = await shell.invoke('accounts.list').then((r: any) => r.result);
    expect(accounts.length).toBeGreaterThan(1);
    const [first, second] = accounts;
    const opened: any = await shell.invoke('panel.open', { connectionId: first.connectionId, accountId: first.id, target: 'window' });
    expect(opened).toMatchObject({ ok: true, result: { handled: true } });
    await shell.invoke('panel.open', { connectionId: second.connectionId, accountId: second.id, target: 'window' });

    const panels = windowsMade(shell.records).slice(1);
    expect(panels).toHaveLength(2);
    for (const [panel, account] of [
      [panels[0]!, first],
      [panels[1]!, second],
    ] as const) {
      expect(panel.options.webPreferences).toMatchObject(SECURE_PREFERENCES);
      expect(panel.options.webPreferences.preload).toBeUndefined();
      expect(panel.options.webPreferences.partition).toMatch(/^persist:panel:/);
      expect(panel.options.title).toBe(`${account.name} — ${account.providerLabel}`);
      expect(shell.find(isCall(panel.window, 'on')).map((r) => r.args[0])).toContain('page-title-updated');
    }
    expect(panels[0]!.options.webPreferences.partition).not.toBe(panels[1]!.options.webPreferences.partition);

    const panel = panels[0]!;
    const partition = panel.options.webPreferences.partition;
    const loaded = shell.find(isCall(panel.window, 'loadURL'))[0]!.args[0] as string;
    // Main opened the one-time link itself, so the page was handed nothing secret.
    expect(opened.result.url).toBe('');
    expect(loaded).toMatch(/\/panel\/sso\//);
    const origin = new URL(loaded).origin;
    const before = shell.records.length;
    expect(await shell.send('navigate', { contents: panel.webContents, url: `${origin}/clientarea/services` })).toEqual({ prevented: false });
    expect(await shell.send('navigate', { contents: panel.webContents, event: 'will-redirect', url: `${origin}/login` })).toEqual({ prevented: false });
    // Links out of the panel reach the browser only once the user said yes (panel-safety.test.ts
    // pins the confirmation and the rate limit); here the user agrees to each.
    const leaveAndAgree = async (send: () => Promise<unknown>, url: string) => {
      const mark = shell.records.at(-1)!.seq;
      expect(await send()).toEqual(url.endsWith('/popup') ? { action: 'deny' } : { prevented: true });
      await shell.waitFor(`the confirmation for ${url}`, isCall('dialog', 'showMessageBox'), { after: mark });
      await shell.send('answerDialog', { response: 0 });
      await shell.waitFor(`${url} to open`, (r) => isCall('shell', 'openExternal')(r) && r.args[0] === url, { after: mark });
    };
    await leaveAndAgree(
      () => shell.send('navigate', { contents: panel.webContents, url: 'https://payments.example/checkout' }),
      'https://payments.example/checkout',
    );
    await leaveAndAgree(
      () => shell.send('navigate', { contents: panel.webContents, event: 'will-redirect', url: 'https://tracker.example/' }),
      'https://tracker.example/',
    );
    expect(await shell.send('navigate', { contents: panel.webContents, url: 'file:///etc/passwd' })).toEqual({ prevented: true });
    await leaveAndAgree(() => shell.send('windowOpen', { contents: panel.webContents, url: `${origin}/popup` }), `${origin}/popup`);
    expect(
      shell.records
        .slice(before)
        .filter(isCall('shell', 'openExternal'))
        .map((r) => r.args[0]),
    ).toEqual(['https://payments.example/checkout', 'https://tracker.example/', `${origin}/popup`]);
    // file: was dropped without even asking.
    expect(shell.records.slice(before).filter(isCall('dialog', 'showMessageBox'))).toHaveLength(3);
    expect(await shell.send('permission', { partition, permission: 'media' })).toEqual({ request: false, check: false });

    // The same account again brings its window forward instead of a second one.
    await shell.invoke('panel.open', { connectionId: first.connectionId, accountId: first.id, target: 'window' });
    expect(windowsMade(shell.records)).toHaveLength(3);
  });

  it('refuses IPC from anything but the app page in the app window', async () => {
    const panelContents = windowsMade(shell.records)[1]?.id ?? 999;
    const refusals = [
      { webContentsId: panelContents },
      { frameUrl: 'https://elsewhere.example/' },
      { frameUrl: `file:///tmp/other.html` },
      { isMainFrame: false },
      { frameUrl: null },
    ];
    for (const sender of refusals) {
      expect(await shell.invoke('settings.get', {}, sender)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    }
    expect(await shell.invoke('settings.get')).toMatchObject({ ok: true });
  });
});

describe('a second start while Clientdeck runs', () => {
  it('quits at once without a window when the single-instance lock is held', async () => {
    const shell = startShell({ env: { STAND_IN_LOCK_HELD: '1' } });
    expect(await shell.exited).toBe(0);
    expect(shell.find(isCall('app', 'quit'))).toHaveLength(1);
    expect(windowsMade(shell.records)).toEqual([]);
    expect(shell.find(isCall('ipcMain', 'handle'))).toEqual([]);
  });
});
