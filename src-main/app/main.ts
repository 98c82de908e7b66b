import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { pino } from 'pino';
import { createCore, type Core } from '../core.js';
import { resolveDataDir } from '../data-dir.js';
import { createLogger } from '../logging.js';
import { KeytarVault } from '../vault/keytar-vault.js';
import { contentSecurityPolicy } from '../windows/content-security-policy.js';
import { decideAppNavigation, decideAppNewWindow, decidePermission } from '../windows/navigation-policy.js';
import { mainWindowOptions } from '../windows/window-options.js';
import { bindIpc } from './ipc-binding.js';
import { createPanelOpener } from './panel-windows.js';

// Bundled to build/main/main.mjs; the renderer is built next to it in build/renderer.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const preloadPath = path.join(here, 'preload.cjs');
const appEntryUrl = pathToFileURL(rendererIndex).href;

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

let mainWindow: BrowserWindow | null = null;

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

  const core: Core = createCore({ dataDir, vault: new KeytarVault(logger.child({ module: 'vault' })), logger, panelOpener: createPanelOpener() });
  const unbind = bindIpc(core, () => mainWindow, appEntryUrl);

  mainWindow = createMainWindow();
  app.on('second-instance', () => {
    if (!mainWindow) mainWindow = createMainWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
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
    core.close().finally(() => app.quit());
  });

  await core.addDemoWhenEmpty();
  core.startAutoSync();
}
