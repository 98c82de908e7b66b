/**
 * The options of every window Clientdeck opens. They are plain data (the shell passes them to
 * `BrowserWindow`, and the type checker proves they fit) so the security-relevant switches are
 * pinned by unit tests rather than trusted to the shell.
 */

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: boolean;
  preload?: string;
  partition?: string;
}

export interface WindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

function secureWebPreferences(): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** The app window: the only one with a preload, which exposes `window.clientdeck` and nothing else. */
export function mainWindowOptions(preloadPath: string): WindowOptions {
  return {
    title: 'Clientdeck',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#111318',
    webPreferences: { ...secureWebPreferences(), preload: preloadPath },
  };
}

/**
 * A customer's panel: provider content, so no preload at all, and its own session partition so
 * cookies of one customer never reach another's panel.
 */
export function panelWindowOptions(partition: string, title: string): WindowOptions {
  return {
    title,
    width: 1200,
    height: 800,
    minWidth: 480,
    minHeight: 360,
    show: true,
    backgroundColor: '#ffffff',
    webPreferences: { ...secureWebPreferences(), partition, spellcheck: false },
  };
}

/** "<customer> — <provider>", so the user always sees whose panel a window shows. */
export function panelWindowTitle(customerName: string, providerLabel: string): string {
  const clean = (s: string) =>
    s
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, 120);
  return `${clean(customerName) || 'Customer'} — ${clean(providerLabel) || 'Provider'}`;
}
