/**
 * Auto-update on the real shell: off in development and without a feed; on a feed it follows the
 * chosen channel, asks before restarting, and a restart waits for an answer on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccounts, addLogin, invite, startSeededProvider, type Login, type SeededProvider } from '../main/fixtures/provider.js';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy.js';
import { isCall, startShell, type RunningShell } from './shell-process.js';

const FEED = 'https://updates.clientdeck.example/linux';
const updaterCalls = (shell: RunningShell) => shell.find((r) => r.target === 'autoUpdater' && r.method !== 'on' && r.method !== 'off');

describe('auto-update switched off', () => {
  for (const [when, env] of [
    ['in development, even with a feed', { CLIENTDECK_UPDATE_URL: FEED }],
    ['in a packaged app without a feed', { STAND_IN_PACKAGED: '1' }],
  ] as const) {
    it(`never looks for updates ${when}`, async () => {
      const shell = startShell({ env });
      try {
        await shell.waitFor('the app window to show', isCall('window:1', 'show'));
        await shell.send('quit');
        await shell.exited;
        expect(updaterCalls(shell)).toEqual([]);
      } finally {
        await shell.stop();
      }
    });
  }
});

describe('auto-update in a packaged app with a feed', () => {
  let provider: SeededProvider;
  let proxy: HoldingProxy;
  let me: Login;
  let invitationId: string;
  let shell: RunningShell;

  beforeAll(async () => {
    provider = await startSeededProvider();
    proxy = await startHoldingProxy(provider.url);
    me = await addLogin(provider, 'Agency');
    const owner = await addLogin(provider, 'Owner');
    const [accountId] = (await addAccounts(provider, owner, 1, 'Bellini')) as [string];
    invitationId = await invite(provider, owner, accountId, me);
    shell = startShell({ env: { STAND_IN_PACKAGED: '1', CLIENTDECK_UPDATE_URL: FEED } });
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
  });
  afterAll(async () => {
    await shell?.stop();
    await proxy?.close();
    await provider?.close();
  });

  it('checks the stable channel of the configured feed, and the beta channel once chosen', async () => {
    await shell.waitFor('an update check', isCall('autoUpdater', 'checkForUpdates'));
    expect(shell.find(isCall('autoUpdater', 'setFeedURL')).map((r) => r.args[0])).toEqual([{ provider: 'generic', url: FEED }]);
    expect(shell.find(isCall('autoUpdater', 'checkForUpdates'))[0]!.args[0]).toMatchObject({ channel: 'latest', allowPrerelease: false });
    const before = shell.records.at(-1)!.seq;
    expect(await shell.invoke('settings.update', { updateChannel: 'beta' })).toMatchObject({ ok: true, result: { updateChannel: 'beta' } });
    const beta = await shell.waitFor('a beta check', isCall('autoUpdater', 'checkForUpdates'), { after: before });
    expect(beta.args[0]).toMatchObject({ channel: 'beta', allowPrerelease: true });
  });

  it('asks before restarting, and "Later" leaves the app running', async () => {
    const before = shell.records.at(-1)!.seq;
    await shell.send('emit', { target: 'autoUpdater', event: 'update-downloaded', bare: true, args: [{ version: '0.2.0' }] });
    const asked = await shell.waitFor('the restart prompt', isCall('dialog', 'showMessageBox'), { after: before });
    expect(asked.args[0]).toMatchObject({ buttons: ['Restart to update', 'Later'], message: expect.stringContaining('0.2.0') });
    await shell.send('answerDialog', { response: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(shell.find(isCall('autoUpdater', 'quitAndInstall'))).toEqual([]);
  });

  it('restarts to update only once the answer on the wire has gone through', async () => {
    const added: any = await shell.invoke('connections.add', { baseUrl: proxy.url, email: me.email, password: me.password });
    const connectionId = added.result.id;
    await shell.invoke('sync.now', { connectionId });
    proxy.hold();
    const answering = shell.invoke('invitations.answer', { connectionId, invitationId, answer: 'accept' });
    await proxy.held();

    const before = shell.records.at(-1)!.seq;
    await shell.send('emit', { target: 'autoUpdater', event: 'update-downloaded', bare: true, args: [{ version: '0.2.0' }] });
    await shell.waitFor('the restart prompt', isCall('dialog', 'showMessageBox'), { after: before });
    await shell.send('answerDialog', { response: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(shell.find(isCall('autoUpdater', 'quitAndInstall'))).toEqual([]);

    proxy.release();
    expect(await answering).toMatchObject({ ok: true, result: { status: 'accepted' } });
    await shell.waitFor('the restart', isCall('autoUpdater', 'quitAndInstall'));
    expect(shell.find(isCall('autoUpdater', 'quitAndInstall'))).toHaveLength(1);
    expect(proxy.answers).toHaveLength(1);
  });
});
