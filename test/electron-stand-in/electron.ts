/**
 * A recording stand-in for the part of Electron's API the shell uses. The test resolves `electron`
 * to this file (see register.mjs) and loads the real bundled shell under Node: every call is
 * recorded, and the test plays the user, the page and the operating system through commands.
 */
import os from 'node:os';
import path from 'node:path';
import { command, exitProcess, lookup, named, record, RecordingEmitter } from './records.js';
import { protocol } from './protocol.js';
import { BrowserWindow, session, type Bounds } from './windows.js';

export { BrowserWindow, protocol, session };

const env = process.env;

class App extends RecordingEmitter {
  readonly isPackaged = env.STAND_IN_PACKAGED === '1';
  #ready = false;
  #quitting = false;
  readonly commandLine = { appendSwitch: (...args: unknown[]) => record('app', 'commandLine.appendSwitch', ...args) };

  constructor() {
    super('app');
  }

  whenReady(): Promise<void> {
    record('app', 'whenReady');
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.once('ready', () => resolve()));
  }
  isReady(): boolean {
    return this.#ready;
  }
  becomeReady(): void {
    this.#ready = true;
    this.emit('ready');
  }
  enableSandbox(): void {
    record('app', 'enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    record('app', 'requestSingleInstanceLock');
    return env.STAND_IN_LOCK_HELD !== '1';
  }
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    record('app', 'setAsDefaultProtocolClient', ...args);
    return true;
  }
  getPath(name: string): string {
    record('app', 'getPath', name);
    if (name === 'userData') return env.STAND_IN_USER_DATA ?? path.join(os.tmpdir(), 'clientdeck-stand-in');
    if (name === 'logs') return path.join(env.STAND_IN_USER_DATA ?? os.tmpdir(), 'logs');
    return path.join(os.tmpdir(), name);
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Clientdeck';
  }
  setBadgeCount(count: number): boolean {
    record('app', 'setBadgeCount', count);
    return true;
  }
  setLoginItemSettings(settings: unknown): void {
    record('app', 'setLoginItemSettings', settings);
  }
  setAppUserModelId(id: string): void {
    record('app', 'setAppUserModelId', id);
  }
  focus(): void {
    record('app', 'focus');
  }

  /** As Electron: `before-quit` (preventable), the windows close (each may refuse), `will-quit`, `quit`, then the process ends. */
  quit(): void {
    record('app', 'quit');
    if (this.#quitting) return;
    const before = this.fire('before-quit');
    if (before.defaultPrevented) return;
    // Every window is asked to close; one that refuses (prevents `close`) cancels the quit.
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) return;
    }
    this.#quitting = true;
    const will = this.fire('will-quit');
    if (will.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    this.emit('quit');
    exitProcess(0);
  }
  exit(code = 0): void {
    record('app', 'exit', code);
    exitProcess(code);
  }
}

export const app = new App();
// Electron is ready once the module graph ran: the shell registers its listeners first.
setImmediate(() => app.becomeReady());

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler): void {
    record('ipcMain', 'handle', channel);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    record('ipcMain', 'removeHandler', channel);
    handlers.delete(channel);
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record('shell', 'openExternal', url);
  },
  async openPath(target: string): Promise<string> {
    record('shell', 'openPath', target);
    return '';
  },
};

interface MenuItemOptions {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  visible?: boolean;
  click?: (...args: unknown[]) => void;
  submenu?: MenuItemOptions[];
}

let nextMenu = 1;
export class Menu {
  readonly recordName = `menu:${nextMenu++}`;
  constructor(readonly items: MenuItemOptions[]) {
    named(this, this.recordName);
  }
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    const menu = new Menu(template);
    record('Menu', 'buildFromTemplate', template, menu);
    return menu;
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu', 'setApplicationMenu', menu);
    applicationMenu = menu;
  }
}
let applicationMenu: Menu | null = null;

export const nativeImage = {
  createFromPath(file: string) {
    record('nativeImage', 'createFromPath', file);
    return { path: file, isEmpty: () => false, resize: () => ({ path: file }) };
  },
  createEmpty() {
    return { path: null, isEmpty: () => true };
  },
};

let nextTray = 1;
export class Tray extends RecordingEmitter {
  contextMenu: Menu | null = null;
  constructor(image: unknown) {
    super(`tray:${nextTray++}`);
    record('Tray', 'new', image);
  }
  setToolTip(text: string): void {
    record(this.recordName, 'setToolTip', text);
  }
  setTitle(text: string): void {
    record(this.recordName, 'setTitle', text);
  }
  setContextMenu(menu: Menu | null): void {
    record(this.recordName, 'setContextMenu', menu);
    this.contextMenu = menu;
  }
  destroy(): void {
    record(this.recordName, 'destroy');
  }
}

interface Display {
  id: number;
  bounds: Bounds;
  workArea: Bounds;
  scaleFactor: number;
}
const displays: Display[] = env.STAND_IN_DISPLAYS
  ? JSON.parse(env.STAND_IN_DISPLAYS)
  : [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 }];

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export const screen = {
  getAllDisplays: (): Display[] => displays,
  getPrimaryDisplay: (): Display => displays[0]!,
  getDisplayMatching: (rect: Bounds): Display => [...displays].sort((a, b) => overlap(b.bounds, rect) - overlap(a.bounds, rect))[0]!,
};

const STAND_IN_CIPHER = 'stand-in-cipher:';
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (plainText: string) => Buffer.from(STAND_IN_CIPHER + plainText),
  decryptStringAsync: async (data: Buffer) => ({ shouldReEncrypt: false, result: data.toString().slice(STAND_IN_CIPHER.length) }),
};

export const powerMonitor = new RecordingEmitter('powerMonitor');

export const net = { isOnline: () => env.STAND_IN_OFFLINE !== '1' };

export class Notification extends RecordingEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: unknown) {
    super('notification');
    record('Notification', 'new', options);
  }
  show(): void {
    record('notification', 'show');
  }
}

/** A message box or save dialog stays open until the test answers it, as a user would. */
let answerDialog: ((response: number) => void) | null = null;
let answerSaveDialog: ((filePath: string | null) => void) | null = null;
export const dialog = {
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog', 'showMessageBox', ...args);
    return new Promise((resolve) => {
      answerDialog = (response) => resolve({ response, checkboxChecked: false });
    });
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    // The window, when given, is recorded by its id: it is not serialisable.
    record('dialog', 'showSaveDialog', ...args.map((a) => (a instanceof BrowserWindow ? { window: a.recordName } : a)));
    return new Promise((resolve) => {
      answerSaveDialog = (filePath) => resolve(filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath });
    });
  },
};

/** `bare` events carry no Electron event object first (electron-updater's `update-downloaded`...). */
command(
  'emit',
  ({
    target,
    event,
    fields,
    args = [],
    bare = false,
  }: {
    target: string;
    event: string;
    fields?: Record<string, unknown>;
    args?: unknown[];
    bare?: boolean;
  }) => {
    const emitter = lookup<RecordingEmitter>(target);
    if (bare) return { listened: emitter.emit(event, ...args) };
    return { prevented: emitter.fire(event, fields, ...args).defaultPrevented };
  },
);

command('quit', () => {
  app.quit();
  return { asked: true };
});

command(
  'invoke',
  ({ channel, message, sender }: { channel: string; message: unknown; sender: { webContentsId: number; frameUrl: string | null; isMainFrame: boolean } }) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`nothing handles ${channel}`);
    const frame = sender.frameUrl === null ? null : { url: sender.frameUrl, parent: sender.isMainFrame ? null : {} };
    return handler({ sender: { id: sender.webContentsId }, senderFrame: frame }, message);
  },
);

function findItem(items: MenuItemOptions[], labels: string[]): MenuItemOptions {
  const [first, ...rest] = labels;
  const item = items.find((i) => i.label === first);
  if (!item) throw new Error(`no menu item ${first} among ${items.map((i) => i.label ?? i.role).join(', ')}`);
  return rest.length ? findItem(item.submenu ?? [], rest) : item;
}

command('menuClick', ({ menu, labels }: { menu: 'application' | string; labels: string[] }) => {
  const source = menu === 'application' ? applicationMenu : lookup<Tray>(menu).contextMenu;
  if (!source) throw new Error(`no ${menu} menu`);
  const item = findItem(source.items, labels);
  if (!item.click) throw new Error(`${labels.join(' › ')} does nothing when clicked`);
  item.click(item, BrowserWindow.getFocusedWindow(), {});
  return { clicked: labels };
});

command('answerSaveDialog', ({ filePath }: { filePath: string | null }) => {
  if (!answerSaveDialog) throw new Error('no save dialog is open');
  answerSaveDialog(filePath);
  answerSaveDialog = null;
  return { answered: filePath };
});

command('answerDialog', ({ response }: { response: number }) => {
  if (!answerDialog) throw new Error('no message box is open');
  answerDialog(response);
  answerDialog = null;
  return { answered: response };
});
