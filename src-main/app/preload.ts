import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ClientdeckBridge } from '../../src-shared/ipc/contract.js';
import type { IpcEvent } from '../../src-shared/ipc/events.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../ipc/bridge-channels.js';

/**
 * Exposes `window.clientdeck` and nothing else. The renderer never gets `ipcRenderer` itself,
 * only these two functions; main validates everything they carry.
 */
const bridge: ClientdeckBridge = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, { channel, input }),
  on(event, listener) {
    const relay = (_: IpcRendererEvent, message: { event: IpcEvent; payload: unknown }) => {
      if (message?.event === event) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('clientdeck', bridge);
