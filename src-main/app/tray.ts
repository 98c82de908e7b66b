import { Menu, nativeImage, Tray } from 'electron';

export interface TrayActions {
  /** Whether syncing is paused when the tray appears (the user paused it in an earlier run). */
  paused: boolean;
  open(): void;
  syncNow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

export interface AppTray {
  showPending(count: number): void;
  destroy(): void;
}

/** "3 waiting": what the tray's tooltip and title say about pending invitations and answers. */
export function pendingLabel(count: number): string {
  if (count === 0) return 'Nothing waiting';
  return count === 1 ? '1 invitation or answer waiting' : `${count} invitations or answers waiting`;
}

/**
 * The tray (menu-bar) icon: the pending count in its tooltip (and beside it where the platform
 * shows a title), and a menu to open the window, sync now, pause syncing and quit. The menu is
 * rebuilt when the pause changes so its label says what a click will do.
 */
export function createTray(iconPath: string, actions: TrayActions): AppTray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  let paused = actions.paused;
  let count = 0;

  const render = () => {
    tray.setToolTip(`Clientdeck — ${pendingLabel(count)}`);
    if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: count > 0 ? `Open Clientdeck (${count} waiting)` : 'Open Clientdeck', click: () => actions.open() },
        { label: 'Sync now', click: () => actions.syncNow() },
        {
          label: paused ? 'Resume sync' : 'Pause sync',
          click: () => {
            paused = !paused;
            actions.setPaused(paused);
            render();
          },
        },
        { type: 'separator' },
        { label: 'Quit Clientdeck', click: () => actions.quit() },
      ]),
    );
  };
  // Linux opens the menu on click anyway; elsewhere a click means "show me the window".
  tray.on('click', () => actions.open());
  render();

  return {
    showPending(next) {
      count = next;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
