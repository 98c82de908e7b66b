import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { IpcReply } from '../../src-shared/ipc/errors.js';
import type { Core } from '../core.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../ipc/bridge-channels.js';
import { isTrustedSender } from '../windows/sender-check.js';

/** Binds the contract to Electron IPC: only the app window's own page is answered. */
export function bindIpc(core: Core, appWindow: () => BrowserWindow | null, appEntryUrl: string): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, message: unknown): Promise<IpcReply<unknown>> => {
    const window = appWindow();
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null },
      window && !window.isDestroyed() ? window.webContents.id : null,
      appEntryUrl,
    );
    if (!trusted) {
      return { ok: false, error: { code: 'invalid_message', message: 'This request did not come from the Clientdeck window and was refused.' } };
    }
    const { channel, input } = (typeof message === 'object' && message !== null ? message : {}) as { channel?: unknown; input?: unknown };
    return core.dispatch(channel, input);
  });

  const unsubscribe = core.events.on((event, payload) => {
    const window = appWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, payload });
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
