import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { pino } from 'pino';
import { createCore, type Core } from '../core.js';
import { resolveDataDir } from '../data-dir.js';
import { DEEP_LINK_SCHEME, findDeepLinkArgument } from '../deep-links/deep-link.js';
import { createLogger } from '../logging.js';
import { contentSecurityPolicy } from '../windows/content-security-policy.js';
import { decideAppNavigation, decideAppNewWindow, decidePermission } from '../windows/navigation-policy.js';
import { mainWindowOptions } from '../windows/window-options.js';
import { showDesktopNotifications } from './desktop-notifications.js';
import { ElectronOnlineWatcher } from './electron-online-watcher.js';
import { bindIpc } from './ipc-binding.js';
import { createPanelOpener } from './panel-windows.js';
import { selectVault } from './vault-selection.js';

// Bundled to build/main/main.mjs; the renderer is built next to it in build/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const preloadPath = path.join(here, 'preload.cjs');
const appEntryUrl = pathToFileURL(rendererIndex).href;

app.enableSandbox();

// clientdeck:// links open the app (docs/ARCHITECTURE.md §3: an invitation mail leads to the invitation). In
// development Electron runs as `electron .`, which needs its own path and the app's.
if (process.defaultApp) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(process.argv[1] ?? '.')]);
else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
/** A link that arrived before the core was ready (the app was started by it). */
let pendingLink: string | null = findDeepLinkArgument(process.argv);

function openLink(url: string): void {
  if (core) core.openDeepLink(url);
  else pendingLink = url;
  focusApp();
}

function focusApp(): void {
  // Before start() made the window, there is nothing to focus yet; start() shows it.
  if (!core) return;
  if (!mainWindow) mainWindow = createMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
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

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (decideAppNewWindow(url) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideAppNavigation(event.url, appEntryUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void shell.openExternal(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadFile(rendererIndex);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.CLIENTDECK_DATA_DIR ? resolveDataDir() : app.getPath('userData');
  const logger = createLogger({
    level: process.env.CLIENTDECK_LOG_LEVEL ?? 'info',
    destination: pino.destination({ dest: path.join(dataDir, 'clientdeck.log'), mkdir: true, sync: false }),
  });

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
    panelOpener: createPanelOpener(),
    onlineWatchers: [new ElectronOnlineWatcher()],
  });
  core = started;
  const unbind = bindIpc(started, () => mainWindow, appEntryUrl);
  const unnotify = showDesktopNotifications(started, focusApp);

  mainWindow = createMainWindow();
  // Said once, at start: where sign-ins are kept when it is not the keychain, and why.
  if (vaultStatus.message) {
    started.events.emit('notification', {
      id: 'vault',
      title: vaultStatus.backend === 'memory' ? 'Sign-ins are kept until you quit' : 'Sign-ins are stored without the keychain',
      body: vaultStatus.message,
      navigate: { view: 'connections' },
    });
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    unbind();
    unnotify();
    started.close().finally(() => app.quit());
  });

  await started.addDemoWhenEmpty();
  started.startAutoSync();
  if (pendingLink) {
    // The renderer subscribes once it loaded; a link that started the app waits for that.
    const link = pendingLink;
    pendingLink = null;
    mainWindow.webContents.once('did-finish-load', () => started.openDeepLink(link));
  }
}
