import type { ClientdeckBridge } from '../../src-shared/ipc/contract.js';
// The i18next instance itself, not i18n/: the bridge opens before the languages are set up (shell/first-screen.ts).
import i18n from 'i18next';
import { tokenFromHash, WireBridge, wireUrl } from './wire-bridge.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in web mode. */
    clientdeck?: ClientdeckBridge;
  }
}

let bridge: ClientdeckBridge | null = null;

/** The preload's bridge inside Electron, otherwise the WebSocket bridge of web mode. */
export function getBridge(): ClientdeckBridge {
  if (bridge) return bridge;
  if (window.clientdeck) return (bridge = window.clientdeck);
  const token = tokenFromHash(window.location.hash);
  bridge = new WireBridge({
    url: wireUrl(window.location.host, token ?? ''),
    unreachableMessage: () => i18n.t(token ? 'errors.mainUnreachable' : 'errors.noToken'),
  });
  return bridge;
}

/** True inside the desktop shell, where main can open dialogs; false in web mode's browser tab. */
export function inDesktopShell(): boolean {
  return Boolean(window.clientdeck);
}
