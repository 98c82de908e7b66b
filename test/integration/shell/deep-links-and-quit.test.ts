/**
 * A user's day with the real shell, part two: a `clientdeck://` link starts the app or reaches the
 * running one, and the user quits while an invitation answer is still on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../src-main/ipc/bridge-channels.js';
import { addAccounts, addLogin, invite, membershipsOf, startSeededProvider, type Login, type SeededProvider } from '../main/fixtures/provider.js';
import { startHoldingProxy, type HoldingProxy } from './holding-proxy.js';
import { isCall, startShell, tempDataDir, windowsMade, type RunningShell, type ShellRecord } from './shell-process.js';

const navigated = (r: ShellRecord) => r.method === 'send' && r.args[0] === EVENT_CHANNEL && (r.args[1] as any)?.event === 'navigate';

describe('clientdeck:// links', () => {
  let shell: RunningShell;

  beforeAll(async () => {
    shell = startShell({ argv: ['--some-chromium-switch', 'clientdeck://invitations'] });
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
  });
  afterAll(async () => {
    await shell?.stop();
  });

  it('shows what the link in the starting arguments points at, once the page has loaded', async () => {
    const shown = await shell.waitFor('the link to be shown', navigated);
    expect((shown.args[1] as any).payload).toEqual({ view: 'invitations' });
    const loaded = shell.find(isCall('window:1', 'loadURL'))[0]!;
    expect(shown.seq).toBeGreaterThan(loaded.seq);
    expect(shell.find(navigated)).toHaveLength(1);
  });

  it('takes a link from a second start and brings the window forward, without a second window', async () => {
    const before = shell.records.at(-1)!.seq;
    await shell.send('emit', { target: 'app', event: 'second-instance', args: [['/opt/Clientdeck/clientdeck', 'clientdeck://connections'], '/home/user'] });
    const shown = await shell.waitFor('the second link', navigated, { after: before });
    expect((shown.args[1] as any).payload).toEqual({ view: 'connections' });
    expect(shell.find((r) => r.seq > before && isCall('window:1', 'focus')(r))).toHaveLength(1);
    expect(windowsMade(shell.records)).toHaveLength(1);
  });

  it('brings the window forward on a second start without a link, and ignores what is not a Clientdeck link', async () => {
    const before = shell.records.at(-1)!.seq;
    await shell.send('emit', { target: 'app', event: 'second-instance', args: [['/opt/Clientdeck/clientdeck'], '/home/user'] });
    await shell.send('emit', { target: 'app', event: 'second-instance', args: [['/opt/Clientdeck/clientdeck', 'clientdeck://accounts/../../etc'], '/'] });
    expect(shell.find((r) => r.seq > before && isCall('window:1', 'focus')(r)).length).toBeGreaterThanOrEqual(1);
    expect(shell.find((r) => r.seq > before && navigated(r))).toEqual([]);
  });

  it('takes macOS open-url links as its own', async () => {
    const before = shell.records.at(-1)!.seq;
    expect(await shell.send('emit', { target: 'app', event: 'open-url', args: ['clientdeck://accounts'] })).toEqual({ prevented: true });
    const shown = await shell.waitFor('the open-url link', navigated, { after: before });
    expect((shown.args[1] as any).payload).toEqual({ view: 'accounts' });
  });
});

describe('quitting while an invitation answer is on the wire', () => {
  let provider: SeededProvider;
  let proxy: HoldingProxy;
  let me: Login;
  let accountId: string;
  let invitationId: string;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    provider = await startSeededProvider();
    proxy = await startHoldingProxy(provider.url);
    me = await addLogin(provider, 'Agency');
    const owner = await addLogin(provider, 'Owner');
    [accountId] = (await addAccounts(provider, owner, 1, 'Bellini')) as [string];
    invitationId = await invite(provider, owner, accountId, me);
  });
  afterAll(async () => {
    await proxy?.close();
    await provider?.close();
  });

  it('lets the answer finish (or stay queued) before the app ends, and never sends it twice to effect', async () => {
    const shell = startShell({ dataDir });
    await shell.waitFor('the app window to show', isCall('window:1', 'show'));
    const added: any = await shell.invoke('connections.add', { baseUrl: proxy.url, email: me.email, password: me.password });
    expect(added).toMatchObject({ ok: true });
    const connectionId = added.result.id;
    await shell.invoke('sync.now', { connectionId });

    proxy.hold();
    const answering = shell.invoke('invitations.answer', { connectionId, invitationId, answer: 'accept' });
    await proxy.held();
    const quitAt = shell.records.at(-1)!.seq;
    await shell.send('quit');
    // The first quit is held back while the core closes; the answer is still in flight.
    expect(shell.find((r) => r.seq > quitAt && isCall('app', 'before-quit:preventDefault')(r))).toHaveLength(1);
    expect(shell.find((r) => r.seq > quitAt && isCall('app', 'quit')(r))).toHaveLength(1);
    setTimeout(() => proxy.release(), 300);
    // Closing waits for the send in flight: the page still gets the outcome.
    expect(await answering).toMatchObject({ ok: true, result: { status: 'accepted', pendingAnswer: { state: 'done' } } });
    expect(await shell.exited).toBe(0);
    expect(proxy.answers).toHaveLength(1);

    // Started again on the same data: nothing about the answer is left to send.
    const again = startShell({ dataDir });
    try {
      await again.waitFor('the app window to show', isCall('window:1', 'show'));
      await again.invoke('sync.now', { connectionId });
      await again.send('emit', { target: 'powerMonitor', event: 'resume' });
      const queue: any = await again.invoke('queue.list');
      expect(queue.result.filter((a: any) => a.state === 'queued' || a.state === 'sending')).toEqual([]);
      const invitations: any = await again.invoke('invitations.list');
      expect(invitations.result.filter((i: any) => i.id === invitationId && i.status === 'pending')).toEqual([]);
    } finally {
      await again.stop();
    }
    expect((await membershipsOf(provider, me.id)).get(accountId)).toBe(1);
    // It went out once, before the app ended, and never again after the restart.
    expect(proxy.answers).toHaveLength(1);
  });
});
