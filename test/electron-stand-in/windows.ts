/** Windows, their web contents and sessions, as far as the shell uses them. */
import { command, lookup, record, RecordingEmitter } from './records.js';

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheck = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
type HeadersListener = (details: any, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;

export class Session {
  readonly recordName: string;
  requestHandler: PermissionRequest | null = null;
  checkHandler: PermissionCheck | null = null;
  headersListener: HeadersListener | null = null;
  /** Cookies set into this session, recorded so tests see what a panel window was signed in with. */
  readonly cookies = {
    set: async (details: { url: string; name: string; value?: string }) => {
      record(this.recordName, 'cookies.set', details);
    },
  };
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      record(this.recordName, 'webRequest.onHeadersReceived', listener);
      this.headersListener = listener;
    },
  };

  constructor(readonly partition: string) {
    this.recordName = `session:${partition}`;
    sessions.set(partition, this);
  }

  setPermissionRequestHandler(handler: PermissionRequest | null): void {
    record(this.recordName, 'setPermissionRequestHandler', handler);
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheck | null): void {
    record(this.recordName, 'setPermissionCheckHandler', handler);
    this.checkHandler = handler;
  }
}

const sessions = new Map<string, Session>();

export const session = {
  defaultSession: new Session('default'),
  fromPartition(partition: string): Session {
    record('session', 'fromPartition', partition);
    return sessions.get(partition) ?? new Session(partition);
  },
};

let nextContentsId = 1;

export class WebContents extends RecordingEmitter {
  readonly id: number;
  url = '';
  openHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(readonly session: Session) {
    super(`webContents:${nextContentsId}`);
    this.id = nextContentsId++;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    record(this.recordName, 'setWindowOpenHandler', handler);
    this.openHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    record(this.recordName, 'send', channel, ...args);
  }

  sendInputEvent(input: unknown): void {
    record(this.recordName, 'sendInputEvent', input);
  }

  setZoomFactor(factor: number): void {
    record(this.recordName, 'setZoomFactor', factor);
  }

  isDestroyed(): boolean {
    return false;
  }
}

let nextWindowId = 1;
const windows = new Set<BrowserWindow>();

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindow extends RecordingEmitter {
  readonly id: number;
  readonly webContents: WebContents;
  #destroyed = false;
  #visible = false;
  #minimized = false;
  #maximized = false;
  #bounds: Bounds;
  #title: string;

  constructor(options: any = {}) {
    super(`window:${nextWindowId}`);
    this.id = nextWindowId++;
    const partition = options.webPreferences?.partition;
    this.webContents = new WebContents(partition ? session.fromPartition(partition) : session.defaultSession);
    record('BrowserWindow', 'new', options, { window: this.recordName, webContents: this.webContents.recordName, id: this.webContents.id });
    this.#bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    this.#visible = options.show !== false;
    this.#title = options.title ?? '';
    windows.add(this);
  }

  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return [...windows].find((w) => w.#visible) ?? null;
  }

  async loadFile(file: string): Promise<void> {
    record(this.recordName, 'loadFile', file);
    await this.#loaded(`file://${file}`);
  }

  async loadURL(url: string, options?: { postData?: { type: string; bytes: Buffer }[]; extraHeaders?: string }): Promise<void> {
    // Posted bytes travel as text, so the records can be read by a test in another process.
    const posted = options?.postData?.map((part) => Buffer.from(part.bytes).toString('utf8'));
    if (options) record(this.recordName, 'loadURL', url, { postData: posted, extraHeaders: options.extraHeaders });
    else record(this.recordName, 'loadURL', url);
    await this.#loaded(url);
  }

  async #loaded(url: string): Promise<void> {
    this.webContents.url = url;
    await new Promise((resolve) => setImmediate(resolve));
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }

  show(): void {
    record(this.recordName, 'show');
    this.#visible = true;
  }
  hide(): void {
    record(this.recordName, 'hide');
    this.#visible = false;
  }
  focus(): void {
    record(this.recordName, 'focus');
  }
  restore(): void {
    record(this.recordName, 'restore');
    this.#minimized = false;
  }
  minimize(): void {
    record(this.recordName, 'minimize');
    this.#minimized = true;
  }
  maximize(): void {
    record(this.recordName, 'maximize');
    this.#maximized = true;
  }
  unmaximize(): void {
    record(this.recordName, 'unmaximize');
    this.#maximized = false;
  }
  isMinimized(): boolean {
    return this.#minimized;
  }
  isMaximized(): boolean {
    return this.#maximized;
  }
  isVisible(): boolean {
    return this.#visible;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  getTitle(): string {
    return this.#title;
  }
  getBounds(): Bounds {
    return { ...this.#bounds };
  }
  getNormalBounds(): Bounds {
    return { ...this.#bounds };
  }
  setBounds(bounds: Partial<Bounds>): void {
    record(this.recordName, 'setBounds', bounds);
    this.#bounds = { ...this.#bounds, ...bounds };
  }

  /** Closing asks first (`close` may be prevented, as the tray setting does), then destroys. */
  close(): void {
    record(this.recordName, 'close');
    const event = this.fire('close');
    if (event.defaultPrevented) return;
    this.destroy();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    windows.delete(this);
    this.emit('closed');
  }
}

/** The test acts as the page or the user: navigation, pop-ups, responses, permission prompts, window moves. */
command('navigate', ({ contents, url, event = 'will-navigate' }: { contents: string; url: string; event?: string }) => {
  const target = lookup<WebContents>(contents);
  return { prevented: target.fire(event, { url }, url).defaultPrevented };
});

command('windowOpen', ({ contents, url }: { contents: string; url: string }) => {
  const target = lookup<WebContents>(contents);
  if (!target.openHandler) return { action: 'allow (no handler)' };
  return target.openHandler({ url });
});

command('response', ({ partition, details }: { partition: string; details: any }) => {
  const target = sessions.get(partition);
  if (!target?.headersListener) return { responseHeaders: details.responseHeaders, untouched: true };
  return new Promise((resolve) => target.headersListener!(details, (response) => resolve(response)));
});

command('permission', ({ partition, permission }: { partition: string; permission: string }) => {
  const target = sessions.get(partition);
  if (!target) throw new Error(`no session ${partition}`);
  return new Promise((resolve) => {
    const check = target.checkHandler ? target.checkHandler(null, permission, 'file://', {}) : 'no handler';
    if (!target.requestHandler) resolve({ request: 'no handler', check });
    else target.requestHandler(null, permission, (granted) => resolve({ request: granted, check }), {});
  });
});

command('window', ({ window, action, bounds }: { window: string; action: string; bounds?: Partial<Bounds> }) => {
  const target = lookup<BrowserWindow>(window);
  if (action === 'close') target.close();
  else if (action === 'maximize') target.maximize();
  else if (action === 'move' && bounds) target.setBounds(bounds);
  else throw new Error(`unknown window action ${action}`);
  if (action === 'move' || action === 'maximize') target.emit(action === 'move' ? 'moved' : 'maximize');
  return { destroyed: target.isDestroyed(), visible: target.isVisible() };
});
