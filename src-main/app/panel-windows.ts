import { BrowserWindow, session, shell } from 'electron';
import type { Logger } from 'pino';
import { checkPanelLink } from '../connections/panel-link.js';
import type { PanelOpener } from '../ipc/handler-deps.js';
import { decidePanelNavigation, decidePanelNewWindow, decidePermission } from '../windows/navigation-policy.js';
import { panelPartition } from '../windows/panel-partition.js';
import { panelWindowOptions, panelWindowTitle } from '../windows/window-options.js';
import { createPanelLinks } from './panel-links.js';

/**
 * Opens customers' panels: one window per account, in that account's own persistent partition,
 * with no preload, kept on the provider's origin; other links go to the system browser once the
 * user confirmed them (panel-links.ts). An account whose panel is open already gets its window
 * focused. Decisions come from windows/.
 */
export function createPanelOpener(logger: Logger): PanelOpener {
  const open = new Map<string, BrowserWindow>();
  const links = createPanelLinks(logger);

  function existing(connectionId: string, accountId: string): BrowserWindow | null {
    const window = open.get(panelPartition(connectionId, accountId));
    return window && !window.isDestroyed() ? window : null;
  }

  return {
    focus(connectionId, accountId) {
      const window = existing(connectionId, accountId);
      if (!window) return false;
      if (window.isMinimized()) window.restore();
      window.focus();
      return true;
    },

    async open({ url: minted, target, connection, account }) {
      // Checked by ipc/handlers/panel already; again here, right where it reaches Electron, so no
      // other caller can hand a provider's file:, smb: or foreign link to the system.
      const url = checkPanelLink(minted, connection.baseUrl, connection.label);
      if (target === 'browser') {
        await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
        return true;
      }
      const partition = panelPartition(connection.id, account.id);
      const title = panelWindowTitle(account.name, connection.label);
      const origins = [new URL(connection.baseUrl).origin];

      const already = existing(connection.id, account.id);
      if (already) {
        already.focus();
        return true;
      }

      const panelSession = session.fromPartition(partition);
      panelSession.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
      panelSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));

      const options = panelWindowOptions(partition, title);
      // As for the app window: the secure switches as literals for the scanner, and no middle-click.
      const window = new BrowserWindow({
        ...options,
        webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
      });
      open.set(partition, window);
      window.on('closed', () => {
        open.delete(partition);
        links.forget(partition);
      });
      // The window always says whose panel it is, whatever the page's own <title>.
      window.on('page-title-updated', (event) => event.preventDefault());

      const contents = window.webContents;
      contents.setWindowOpenHandler(({ url: next }) => {
        if (decidePanelNewWindow(next) === 'external') void links.offer(window, partition, next);
        return { action: 'deny' };
      });
      const guard = (event: { preventDefault(): void }, next: string) => {
        const decision = decidePanelNavigation(next, origins);
        if (decision === 'allow') return;
        event.preventDefault();
        if (decision === 'external') void links.offer(window, partition, next);
      };
      contents.on('will-navigate', (event) => guard(event, event.url));
      contents.on('will-redirect', (event) => guard(event, event.url));
      contents.on('will-attach-webview', (event) => event.preventDefault());

      await window.loadURL(url);
      return true;
    },
  };
}
