import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { pino } from 'pino';
import { createCore, type Core } from '../core.js';
import { resolveDataDir } from '../data-dir.js';
import { DEEP_LINK_SCHEME, findDeepLinkArgument } from '../deep-links/deep-link.js';
import { createLogger } from '../logging.js';
import { contentSecurityPolicy } from '../windows/content-security-policy.js';
import { decidePermission } from '../windows/navigation-policy.js';
import { APP_ENTRY_URL } from '../windows/app-scheme.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { createAppWindow } from './app-window.js';
import { installApplicationMenu } from './application-menu.js';
import { startAutoUpdate } from './auto-update.js';
import { showDesktopNotifications } from './desktop-notifications.js';
import { followDesktopSettings } from './desktop-settings.js';
import { ElectronOnlineWatcher } from './electron-online-watcher.js';
import { bindIpc } from './ipc-binding.js';
import { createPanelOpener } from './panel-windows.js';
import { createSaveDialog } from './save-dialog.js';
import { followPendingCount } from './pending-count.js';
import { problemReportDestination, problemReportUrl, type BugsField } from './problem-report.js';
import { createTray } from './tray.js';
import { selectVault } from './vault-selection.js';
import { WindowStateStore } from './window-state.js';

// Bundled to build/main/main.mjs; the renderer is built next to it in build/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, 'preload.cjs');
const trayIcon = path.join(here, 'icon.png');
const appEntryUrl = APP_ENTRY_URL;
const development = !app.isPackaged;
/** package.json's `bugs`: read where the app is (the asar when packaged), not bundled in. */
function bugsField(): BugsField {
  try {
    return (JSON.parse(fs.readFileSync(path.join(here, '../../package.json'), 'utf8')) as { bugs?: BugsField }).bugs;
  } catch {
    return undefined;
  }
}

app.enableSandbox();
registerAppScheme();

// clientdeck:// links open the app (docs/ARCHITECTURE.md §3: an invitation mail leads to the invitation). In
// development Electron runs as `electron .`, which needs its own path and the app's. A link can
// only choose what to show (deep-links/deep-link.ts refuses anything else), never act.
if (process.defaultApp)
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1] ?? '.')]); /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME); /* eng-disable PROTOCOL_HANDLER_JS_CHECK */

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let openWindow: (() => BrowserWindow) | null = null;
/** A link that arrived before the core was ready (the app was started by it). */
let pendingLink: string | null = findDeepLinkArgument(process.argv);

function openLink(url: string): void {
  if (core) core.openDeepLink(url);
  else pendingLink = url;
  focusApp();
}

function focusApp(): void {
  // Before start() made the window, there is nothing to focus yet; start() shows it.
  if (!openWindow) return;
  const window = openWindow();
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Windows and Linux start a second instance with the link in its arguments; macOS sends open-url.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkArgument(argv);
    if (link) openLink(link);
    else focusApp();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.CLIENTDECK_DATA_DIR ? resolveDataDir() : app.getPath('userData');
  const logFile = path.join(dataDir, 'clientdeck.log');
  // The log names customers and providers: the user's only, as every data file (a log an older
  // version created keeps its mode otherwise).
  if (fs.existsSync(logFile)) fs.chmodSync(logFile, 0o600);
  const logger = createLogger({
    level: process.env.CLIENTDECK_LOG_LEVEL ?? 'info',
    destination: pino.destination({ dest: logFile, mkdir: true, sync: false, mode: 0o600 }),
  });

  serveAppScheme(rendererDir, logger.child({ module: 'app-scheme' }));
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  appSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  appSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });

  const { vault, status: vaultStatus } = await selectVault(dataDir, logger);
  const started: Core = createCore({
    dataDir,
    vault,
    vaultStatus,
    logger,
    panelOpener: createPanelOpener(logger.child({ module: 'panels' })),
    fileSaver: createSaveDialog(() => mainWindow),
    onlineWatchers: [new ElectronOnlineWatcher()],
  });
  core = started;
  const unbind = bindIpc(started, () => mainWindow, appEntryUrl);
  const unnotify = showDesktopNotifications(started, focusApp);

  let quitting = false;
  let update: ReturnType<typeof startAutoUpdate> = null;
  const settings = await followDesktopSettings(started, (next) => update?.setChannel(next.updateChannel));
  const windowState = new WindowStateStore(dataDir, logger.child({ module: 'window-state' }));
  const createMainWindow = () => {
    const window = createAppWindow({
      preloadPath,
      appEntryUrl,
      state: windowState,
      hideOnClose: () => settings.current().keepInTray && !quitting,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    return window;
  };
  openWindow = () => (mainWindow ??= createMainWindow());
  mainWindow = createMainWindow();
  if (pendingLink) {
    // The renderer subscribes once it loaded; a link that started the app waits for that. Asked
    // for before anything slow (the demo provider's start), or the load would already be over.
    const link = pendingLink;
    pendingLink = null;
    mainWindow.webContents.once('did-finish-load', () => started.openDeepLink(link));
  }

  // Said once, at start: a data file that was damaged or unsafe, what was kept, what to do.
  for (const notice of started.startNotices()) started.events.emit('notification', notice);
  // Said once, at start: where sign-ins are kept when it is not the keychain, and why.
  if (vaultStatus.message) {
    started.events.emit('notification', {
      id: 'vault',
      title: vaultStatus.backend === 'memory' ? 'Sign-ins are kept until you quit' : 'Sign-ins are stored without the keychain',
      body: vaultStatus.message,
      navigate: { view: 'connections' },
    });
  }

  const syncNow = () => void started.dispatch('sync.now', {});
  // Checked once: only an https page or a mail address, never another scheme handed to the system.
  const reportTo = problemReportDestination(bugsField(), process.env.CLIENTDECK_PROBLEM_REPORT);
  installApplicationMenu(
    {
      // The page opens the palette on its own shortcut; the menu item presses it.
      openPalette: () =>
        openWindow?.().webContents.sendInputEvent({ type: 'keyDown', keyCode: 'K', modifiers: [process.platform === 'darwin' ? 'meta' : 'control'] }),
      syncNow,
      go: (view) => {
        focusApp();
        started.events.emit('navigate', { view });
      },
      openLogFolder: () => void shell.openPath(dataDir),
      reportProblem: reportTo
        ? () => {
            const url = problemReportUrl(reportTo, { version: app.getVersion(), platform: process.platform, logFile: path.join(dataDir, 'clientdeck.log') });
            void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
          }
        : null,
    },
    { development, platform: process.platform },
  );
  const tray = createTray(trayIcon, {
    paused: started.syncPaused(),
    open: focusApp,
    syncNow,
    setPaused: (paused) => started.pauseSync(paused),
    quit: () => app.quit(),
  });
  const unfollowCount = followPendingCount(started, (count) => {
    tray.showPending(count);
    // The dock on macOS, the launcher on Linux (Unity); Windows has no count badge.
    app.setBadgeCount(count);
  });

  update = startAutoUpdate({
    development,
    feedUrl: process.env.CLIENTDECK_UPDATE_URL?.trim() || null,
    packagedFeed: Boolean(process.resourcesPath) && fs.existsSync(path.join(process.resourcesPath ?? '', 'app-update.yml')),
    channel: settings.current().updateChannel,
    whenQuiet: () => started.idle(),
    logger: logger.child({ module: 'update' }),
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    else focusApp();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !settings.current().keepInTray) app.quit();
  });

  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    closed = true;
    event.preventDefault();
    // Whatever the core is sending finishes (or stays queued) before the process ends.
    unbind();
    unnotify();
    unfollowCount();
    settings.stop();
    update?.stop();
    tray.destroy();
    started.close().finally(() => app.quit());
  });

  await started.addDemoWhenEmpty();
  started.startAutoSync();
}
