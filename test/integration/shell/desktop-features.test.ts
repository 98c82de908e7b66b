/**
 * What people expect of a desktop app they keep open all day, checked on the real shell: the tray
 * and its menu, the badge, the application menu, the window state, launch at login, auto-update.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL } from '../../../src-main/ipc/bridge-channels.js';
import { isCall, startShell, tempDataDir, windowsMade, type RunningShell, type ShellRecord } from './shell-process.js';

const lastMenu = (shell: RunningShell, owner: string): any[] => {
  const set = shell.find((r) => r.target === owner && (r.method === 'setContextMenu' || r.method === 'setApplicationMenu')).at(-1);
  const ref = (set?.args[0] as { ref: string } | undefined)?.ref;
  const built = shell.find((r) => isCall('Menu', 'buildFromTemplate')(r) && (r.args[1] as { ref: string }).ref === ref)[0];
  if (!built) throw new Error(`${owner} has no menu`);
  return built.args[0] as any[];
};
const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { bugs: { url: string } };
const labels = (items: any[]) => items.map((i) => i.label ?? i.role ?? i.type);
const submenu = (items: any[], label: string) => items.find((i) => i.label === label || i.role === label)?.submenu as any[];
const sent = (event: string) => (r: ShellRecord) => r.method === 'send' && r.args[0] === EVENT_CHANNEL && (r.args[1] as any)?.event === event;
const started = async (shell: RunningShell) => {
  await shell.waitFor('the app window to show', isCall('window:1', 'show'));
  await shell.waitFor('the first sync', (r) => sent('sync.changed')(r) && JSON.stringify(r.args).includes('"state":"synced"'));
};

describe('the tray, the badge and the application menu', () => {
  let shell: RunningShell;

  beforeAll(async () => {
    shell = startShell();
    await started(shell);
  });
  afterAll(async () => {
    await shell?.stop();
  });

  it('shows the pending invitations and queued answers on the tray and the badge', async () => {
    const invitations: any = await shell.invoke('invitations.list');
    const pending = invitations.result.filter((i: any) => i.status === 'pending').length;
    expect(pending).toBeGreaterThan(0);
    const badge = await shell.waitFor('the badge', (r) => isCall('app', 'setBadgeCount')(r) && r.args[0] === pending);
    expect(badge.args).toEqual([pending]);
    expect(shell.find(isCall('tray:1', 'setToolTip')).at(-1)!.args[0]).toMatch(new RegExp(`^Clientdeck — ${pending} invitations? or answers? waiting$`));
    expect(labels(lastMenu(shell, 'tray:1'))).toEqual([`Open Clientdeck (${pending} waiting)`, 'Sync now', 'Pause sync', 'separator', 'Quit Clientdeck']);

    // Answering one brings the count down on both.
    const invitation = invitations.result.find((i: any) => i.status === 'pending');
    await shell.invoke('invitations.answer', { connectionId: invitation.connectionId, invitationId: invitation.id, answer: 'decline' });
    await shell.waitFor('the badge to count one less', (r) => isCall('app', 'setBadgeCount')(r) && r.args[0] === pending - 1);
  });

  it('syncs now and pauses syncing from the tray menu', async () => {
    const before = shell.records.at(-1)!.seq;
    await shell.send('menuClick', { menu: 'tray:1', labels: ['Sync now'] });
    await shell.waitFor('a sync', (r) => sent('sync.changed')(r) && JSON.stringify(r.args).includes('"state":"syncing"'), { after: before });
    await shell.send('menuClick', { menu: 'tray:1', labels: ['Pause sync'] });
    expect(labels(lastMenu(shell, 'tray:1'))).toContain('Resume sync');
    await shell.send('menuClick', { menu: 'tray:1', labels: ['Resume sync'] });
    expect(labels(lastMenu(shell, 'tray:1'))).toContain('Pause sync');
  });

  it('has the standard Edit, View, Window and Help menus, lists the app shortcuts and acts on them', async () => {
    const menu = lastMenu(shell, 'Menu');
    expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'Help']);
    expect(labels(submenu(menu, 'Edit'))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    const view = submenu(menu, 'View');
    expect(labels(view)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
    const shortcuts = Object.fromEntries(view.filter((i) => i.accelerator).map((i) => [i.accelerator, i.label ?? i.role]));
    expect(shortcuts).toMatchObject({
      'CmdOrCtrl+K': 'Command palette',
      'CmdOrCtrl+R': 'Sync now',
      'CmdOrCtrl+1': 'Accounts',
      'CmdOrCtrl+2': 'Invitations',
      'CmdOrCtrl+3': 'Connections',
      'CmdOrCtrl+4': 'Settings',
      'CmdOrCtrl+5': 'Access review',
    });
    // In development (this run is not packaged) reload exists, away from the app's Ctrl/Cmd+R.
    expect(view.find((i) => i.role === 'reload')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+R' });
    expect(labels(submenu(menu, 'help'))).toEqual(['Open the log folder', 'Report a problem…']);

    const before = shell.records.at(-1)!.seq;
    await shell.send('menuClick', { menu: 'application', labels: ['View', 'Invitations'] });
    const shown = await shell.waitFor('the view to change', sent('navigate'), { after: before });
    expect((shown.args[1] as any).payload).toEqual({ view: 'invitations' });
    await shell.send('menuClick', { menu: 'application', labels: ['View', 'Settings'] });
    expect(shell.find((r) => r.seq > before && sent('navigate')(r)).map((r) => (r.args[1] as any).payload.view)).toEqual(['invitations', 'settings']);
    await shell.send('menuClick', { menu: 'application', labels: ['View', 'Command palette'] });
    expect(shell.find((r) => r.seq > before && r.method === 'sendInputEvent')[0]!.args[0]).toMatchObject({ type: 'keyDown', keyCode: 'K' });
    await shell.send('menuClick', { menu: 'application', labels: ['Help', 'Open the log folder'] });
    expect(shell.find((r) => r.seq > before && isCall('shell', 'openPath')(r)).map((r) => r.args[0])).toEqual([shell.dataDir]);
    await shell.send('menuClick', { menu: 'application', labels: ['Help', 'Report a problem…'] });
    const report = shell.find((r) => r.seq > before && isCall('shell', 'openExternal')(r))[0]!.args[0] as string;
    // package.json's `bugs` issue list, on its new-issue form, prefilled.
    expect(report.startsWith(`${packageJson.bugs.url}/new?`)).toBe(true);
    expect(new URL(report).searchParams.get('title')).toBe('Problem: Clientdeck 0.1.0');
    expect(new URL(report).searchParams.get('body')).toContain(`${shell.dataDir}/clientdeck.log`);
  });

  it('saves the access review CSV where the user picks in the save dialog, and nothing when they cancel', async () => {
    const review: any = await shell.invoke('accessReview.get', {});
    expect(review.result.rows.length).toBeGreaterThan(0);
    const target = path.join(tempDataDir(), 'review.csv');
    const csv = 'Person,Account\r\nMarco Rossi,Bellini Ristorante\r\n';

    const before = shell.records.at(-1)!.seq;
    const saving = shell.invoke('accessReview.saveCsv', { fileName: 'access-review-2026-12-03.csv', csv });
    const asked = await shell.waitFor('the save dialog', isCall('dialog', 'showSaveDialog'), { after: before });
    // Over the app's window, proposing the file name in the user's documents.
    expect(asked.args[0]).toEqual({ window: 'window:1' });
    expect((asked.args[1] as { defaultPath: string }).defaultPath).toMatch(/documents[/\\]access-review-2026-12-03\.csv$/);
    await shell.send('answerSaveDialog', { filePath: target });
    expect(await saving).toEqual({ ok: true, result: { saved: true } });
    expect(fs.readFileSync(target, 'utf8')).toBe(csv);

    const cancelled = shell.invoke('accessReview.saveCsv', { fileName: 'access-review-2026-12-03.csv', csv: 'other' });
    await shell.waitFor('the second save dialog', isCall('dialog', 'showSaveDialog'), { after: asked.seq });
    await shell.send('answerSaveDialog', { filePath: null });
    expect(await cancelled).toEqual({ ok: true, result: { saved: false } });
    expect(fs.readFileSync(target, 'utf8')).toBe(csv);
  });
});

describe('closing the window, with and without "keep running in the tray"', () => {
  it('hides to the tray when asked to, comes back from the tray, and still quits from it', async () => {
    const shell = startShell();
    try {
      await started(shell);
      expect(shell.find(isCall('app', 'setLoginItemSettings'))).toEqual([]);
      expect(await shell.invoke('settings.update', { keepInTray: true, launchAtLogin: true })).toMatchObject({ ok: true, result: { keepInTray: true } });
      await shell.waitFor('the login item', isCall('app', 'setLoginItemSettings'));
      expect(shell.find(isCall('app', 'setLoginItemSettings')).map((r) => r.args[0])).toEqual([{ openAtLogin: true }]);

      expect(await shell.send('window', { window: 'window:1', action: 'close' })).toEqual({ destroyed: false, visible: false });
      const open = labels(lastMenu(shell, 'tray:1'))[0] as string;
      expect(open).toMatch(/^Open Clientdeck/);
      await shell.send('menuClick', { menu: 'tray:1', labels: [open] });
      expect(shell.find(isCall('window:1', 'hide'))).toHaveLength(1);
      expect(shell.find(isCall('window:1', 'show')).length).toBeGreaterThanOrEqual(2);
      expect(windowsMade(shell.records)).toHaveLength(1);

      await shell.send('menuClick', { menu: 'tray:1', labels: ['Quit Clientdeck'] });
      expect(await shell.exited).toBe(0);
      expect(shell.find(isCall('tray:1', 'destroy'))).toHaveLength(1);
    } finally {
      await shell.stop();
    }
  });

  it('quits when the last window closes by default (Windows and Linux)', async () => {
    const shell = startShell();
    try {
      await started(shell);
      expect(await shell.send('window', { window: 'window:1', action: 'close' })).toEqual({ destroyed: true, visible: true });
      await shell.send('emit', { target: 'app', event: 'window-all-closed' });
      expect(await shell.exited).toBe(0);
    } finally {
      await shell.stop();
    }
  });
});

describe('the window where the user left it', () => {
  const two = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 },
    { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 }, workArea: { x: 1920, y: 0, width: 2560, height: 1400 }, scaleFactor: 1 },
  ];
  const laptop = [{ id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 0, width: 1440, height: 870 }, scaleFactor: 2 }];
  const dataDir = tempDataDir();
  const run = async (displays: unknown, act?: (shell: RunningShell) => Promise<void>) => {
    const shell = startShell({ dataDir, env: { STAND_IN_DISPLAYS: JSON.stringify(displays) } });
    try {
      await shell.waitFor('the app window to show', isCall('window:1', 'show'));
      await act?.(shell);
      await shell.send('quit');
      await shell.exited;
      return shell;
    } finally {
      await shell.stop();
    }
  };

  it('restores size, position and maximised state per display layout, always on a visible screen', async () => {
    await run(two, async (shell) => {
      await shell.send('window', { window: 'window:1', action: 'move', bounds: { x: 2200, y: 100, width: 1400, height: 900 } });
      await shell.send('window', { window: 'window:1', action: 'maximize' });
    });
    const docked = await run(two);
    expect(windowsMade(docked.records)[0]!.options).toMatchObject({ x: 2200, y: 100, width: 1400, height: 900 });
    expect(docked.find(isCall('window:1', 'maximize'))).toHaveLength(1);

    // Undocked: that place is off every screen, so the window opens centred on the laptop, fitted to it.
    const undocked = await run(laptop, async (shell) => {
      await shell.send('window', { window: 'window:1', action: 'move', bounds: { x: 40, y: 30, width: 1000, height: 700 } });
    });
    const opened = windowsMade(undocked.records)[0]!.options;
    expect(opened).toMatchObject({ width: 1400, height: 870 });
    expect(opened.x).toBeGreaterThanOrEqual(0);
    expect(opened.x + opened.width).toBeLessThanOrEqual(1440);

    // Each layout keeps its own: docked again finds the second monitor's place, undocked the laptop's.
    expect(windowsMade((await run(two)).records)[0]!.options).toMatchObject({ x: 2200, y: 100, width: 1400, height: 900 });
    expect(windowsMade((await run(laptop)).records)[0]!.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
  }, 120_000);
});

describe('choices that outlive a restart, and where problems are reported', () => {
  it('keeps sync paused from the tray across a restart: no background sync at start, the menu offers to resume', async () => {
    const dataDir = tempDataDir();
    const first = startShell({ dataDir });
    try {
      await started(first);
      await first.send('menuClick', { menu: 'tray:1', labels: ['Pause sync'] });
      await first.waitFor('the paused setting saved', (r) => sent('data.changed')(r) && JSON.stringify(r.args).includes('settings'));
      await first.send('quit');
      await first.exited;
    } finally {
      await first.stop();
    }
    expect(JSON.parse(readFileSync(`${dataDir}/settings.json`, 'utf8')).settings).toMatchObject({ syncPaused: true });

    const second = startShell({ dataDir });
    try {
      await second.waitFor('the app window to show', isCall('window:1', 'show'));
      await second.waitFor('the tray menu', isCall('tray:1', 'setContextMenu'));
      expect(labels(lastMenu(second, 'tray:1'))).toContain('Resume sync');
      expect(await second.invoke('settings.get')).toMatchObject({ ok: true, result: { syncPaused: true } });
      // Paused means no background sync at start either; the user's own "Sync now" still runs.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(second.find((r) => sent('sync.changed')(r) && JSON.stringify(r.args).includes('"state":"syncing"'))).toEqual([]);
      const mark = second.records.at(-1)!.seq;
      await second.send('menuClick', { menu: 'tray:1', labels: ['Sync now'] });
      await second.waitFor('the user’s sync', (r) => sent('sync.changed')(r) && JSON.stringify(r.args).includes('"state":"syncing"'), { after: mark });
      await second.send('menuClick', { menu: 'tray:1', labels: ['Resume sync'] });
      await second.waitFor('the resumed setting', (r) => sent('data.changed')(r) && JSON.stringify(r.args).includes('settings'), { after: mark });
      expect(await second.invoke('settings.get')).toMatchObject({ ok: true, result: { syncPaused: false } });
    } finally {
      await second.stop();
    }
  });

  it('reports problems by mail when an agency configures an address, and never to another scheme', async () => {
    for (const [configured, expected] of [
      ['support@agency.example', /^mailto:support@agency\.example\?subject=Problem%3A%20Clientdeck%200\.1\.0&body=Clientdeck%200\.1\.0%20on%20/],
      ['file:///etc/passwd', new RegExp(`^${packageJson.bugs.url.replace(/[.]/g, '\\.')}/new\\?`)],
    ] as const) {
      const shell = startShell({ env: { CLIENTDECK_PROBLEM_REPORT: configured } });
      try {
        await shell.waitFor('the app window to show', isCall('window:1', 'show'));
        const mark = shell.records.at(-1)!.seq;
        await shell.send('menuClick', { menu: 'application', labels: ['Help', 'Report a problem…'] });
        const opened = await shell.waitFor('the report', isCall('shell', 'openExternal'), { after: mark });
        expect(opened.args[0]).toMatch(expected);
      } finally {
        await shell.stop();
      }
    }
  });
});
