import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { NavigateTarget } from '../../src-shared/ipc/events.js';

export interface MenuActions {
  openPalette(): void;
  syncNow(): void;
  go(view: NavigateTarget['view']): void;
  openLogFolder(): void;
  /** Null when no destination is configured (package.json `bugs`, CLIENTDECK_PROBLEM_REPORT): the item is left out. */
  reportProblem: (() => void) | null;
}

/** The views Ctrl/Cmd+1…5 lead to, in the order of the app's header. */
export const VIEW_SHORTCUTS: ReadonlyArray<{ view: NavigateTarget['view']; label: string }> = [
  { view: 'accounts', label: 'Accounts' },
  { view: 'invitations', label: 'Invitations' },
  { view: 'connections', label: 'Connections' },
  { view: 'settings', label: 'Settings' },
  { view: 'access-review', label: 'Access review' },
];

/**
 * The application menu. The Edit roles matter beyond the menu: without them macOS text fields
 * lose copy, paste and select all. Reload and the developer tools exist only in development
 * (Ctrl/Cmd+R is the app's "Sync now"), and the app's own shortcuts are listed where people look.
 */
export function applicationMenuTemplate(actions: MenuActions, options: { development: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    mac ? { label: 'File', submenu: [{ role: 'close' }] } : { label: 'File', submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        // The page handles Ctrl/Cmd+K itself (also in web mode): the menu only shows it and presses it.
        { label: 'Command palette', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => actions.openPalette() },
        { label: 'Sync now', accelerator: 'CmdOrCtrl+R', click: () => actions.syncNow() },
        { type: 'separator' },
        ...VIEW_SHORTCUTS.map(({ view, label }, i): MenuItemConstructorOptions => ({
          label,
          accelerator: `CmdOrCtrl+${i + 1}`,
          click: () => actions.go(view),
        })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.development
          ? ([{ type: 'separator' }, { role: 'reload', accelerator: 'CmdOrCtrl+Shift+R' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    { role: 'windowMenu' },
    {
      label: 'Help',
      role: 'help',
      submenu: [
        { label: 'Open the log folder', click: () => actions.openLogFolder() },
        ...(actions.reportProblem ? [{ label: 'Report a problem…', click: actions.reportProblem }] : []),
      ],
    },
  );
  return template;
}

export function installApplicationMenu(actions: MenuActions, options: { development: boolean; platform: NodeJS.Platform }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(actions, options)));
}
