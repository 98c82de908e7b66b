import { BrowserWindow, screen, shell } from 'electron';
import { decideAppNavigation, decideAppNewWindow } from '../windows/navigation-policy.js';
import { mainWindowOptions } from '../windows/window-options.js';
import { restoredBounds, type WindowStateStore } from './window-state.js';

export interface AppWindowOptions {
  preloadPath: string;
  /** The page on `app://clientdeck/` (windows/app-scheme.ts), served by app-protocol.ts. */
  appEntryUrl: string;
  state: WindowStateStore;
  /** Closing hides the window instead, unless the app is quitting (the tray setting). */
  hideOnClose(): boolean;
}

/**
 * The app's own window: the secure options of windows/, the navigation and pop-up decisions of
 * navigation-policy, and the size and place the user left it in on these screens.
 */
export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const defaults = mainWindowOptions(options.preloadPath);
  const restored = restoredBounds(options.state.read(screen.getAllDisplays()), screen.getAllDisplays(), defaults);
  const window = new BrowserWindow({
    ...defaults,
    ...restored.bounds,
    // windows/window-options.ts decides these; they are repeated as literals for the static
    // scanner (`npm run check:electron`), which cannot follow a call. No middle-click (auxclick)
    // either, so a page cannot open links by it around the window-open handler.
    webPreferences: { ...defaults.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  if (restored.maximized) window.maximize();

  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    // Only http(s), as navigation-policy decided; the system browser opens it, never the app.
    if (decideAppNewWindow(url) === 'external') void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const decision = decideAppNavigation(event.url, options.appEntryUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'external') void shell.openExternal(event.url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  window.on('close', (event) => {
    options.state.save(screen.getAllDisplays(), { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    if (!options.hideOnClose()) return;
    event.preventDefault();
    window.hide();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.appEntryUrl);
  return window;
}
