import type { ClientdeckBridge, IpcChannel, IpcInput, IpcOutput } from '../../src-shared/ipc/contract.js';
import type { IpcReply } from '../../src-shared/ipc/errors.js';
import type { IpcEvent, IpcEventPayload } from '../../src-shared/ipc/events.js';
import type { WireMessage } from '../../src-shared/ipc/wire.js';

/** The part of the browser WebSocket the bridge uses, so tests can hand it a fake. */
export interface WireSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type WireState = 'connecting' | 'open' | 'closed';

export interface WireBridgeOptions {
  url: string;
  connect?: (url: string) => WireSocket;
  /** The sentence a request ends with when main cannot be reached. */
  unreachableMessage?: () => string;
  /** How long a request waits for the socket to (re)open before it fails. */
  openTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (handle: unknown) => void };
}

const OPEN = 1;
const ALL_LISTS = ['connections', 'accounts', 'invitations', 'queue', 'settings'] as const;

interface Waiting {
  frame: string;
  resolve: (reply: IpcReply<unknown>) => void;
  timer: unknown;
}

/**
 * The web-mode bridge: the same `ClientdeckBridge` the preload exposes, spoken over the loopback
 * WebSocket. Requests never reject: a dead socket ends them with an error reply like any other,
 * so views need one error path only.
 */
export class WireBridge implements ClientdeckBridge {
  private socket: WireSocket | null = null;
  private nextId = 1;
  private readonly sent = new Map<number, (reply: IpcReply<unknown>) => void>();
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Map<IpcEvent, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: WireState) => void>();
  private delayMs: number;
  private reconnectTimer: unknown = null;
  private everOpened = false;
  private disposed = false;
  private current: WireState = 'connecting';
  private readonly opts: Required<WireBridgeOptions>;

  constructor(options: WireBridgeOptions) {
    this.opts = {
      connect: (url) => new WebSocket(url) as unknown as WireSocket,
      unreachableMessage: () => 'Clientdeck cannot reach its background service. It keeps trying to reconnect.',
      openTimeoutMs: 5000,
      backoff: { initialMs: 250, maxMs: 8000 },
      timers: { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) },
      ...options,
    };
    this.delayMs = this.opts.backoff.initialMs;
    this.open();
  }

  get state(): WireState {
    return this.current;
  }

  invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcReply<IpcOutput<C>>> {
    const id = this.nextId++;
    const frame = JSON.stringify({ id, channel, input });
    return new Promise((resolve) => {
      const done = resolve as (reply: IpcReply<unknown>) => void;
      if (this.socket && this.socket.readyState === OPEN) {
        this.sent.set(id, done);
        this.socket.send(frame);
        return;
      }
      if (this.disposed) return done(this.unreachable());
      const timer = this.opts.timers.setTimeout(() => {
        this.waiting.delete(id);
        done(this.unreachable());
      }, this.opts.openTimeoutMs);
      this.waiting.set(id, { frame, resolve: done, timer });
    });
  }

  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  /** Connection state for a "reconnecting" notice; not part of the preload's bridge. */
  onState(listener: (state: WireState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    if (this.reconnectTimer !== null) this.opts.timers.clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.failAll();
  }

  private open(): void {
    this.setState('connecting');
    const socket = this.opts.connect(this.opts.url);
    this.socket = socket;
    socket.onopen = () => {
      this.delayMs = this.opts.backoff.initialMs;
      this.setState('open');
      for (const [id, w] of this.waiting) {
        this.opts.timers.clearTimeout(w.timer);
        this.sent.set(id, w.resolve);
        socket.send(w.frame);
      }
      this.waiting.clear();
      // After a reconnect, whatever changed meanwhile was never announced: fetch everything again.
      if (this.everOpened) this.emit('data.changed', { lists: [...ALL_LISTS] });
      this.everOpened = true;
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => undefined; // onclose follows and carries the handling
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      // A request that was sent may or may not have run; report it failed, views refetch.
      for (const resolve of this.sent.values()) resolve(this.unreachable());
      this.sent.clear();
      if (this.disposed) return this.setState('closed');
      this.setState('closed');
      this.reconnectTimer = this.opts.timers.setTimeout(() => {
        this.reconnectTimer = null;
        this.open();
      }, this.delayMs);
      this.delayMs = Math.min(this.delayMs * 2, this.opts.backoff.maxMs);
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      return;
    }
    if (message.kind === 'reply') {
      const resolve = this.sent.get(message.id);
      if (!resolve) return;
      this.sent.delete(message.id);
      resolve(message.reply);
    } else if (message.kind === 'event') {
      this.emit(message.event, message.payload);
    }
  }

  private emit(event: IpcEvent, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`Listener for ${event} failed`, err);
      }
    }
  }

  private failAll(): void {
    for (const resolve of this.sent.values()) resolve(this.unreachable());
    this.sent.clear();
    for (const w of this.waiting.values()) {
      this.opts.timers.clearTimeout(w.timer);
      w.resolve(this.unreachable());
    }
    this.waiting.clear();
  }

  private unreachable(): IpcReply<never> {
    return { ok: false, error: { code: 'provider_unreachable', message: this.opts.unreachableMessage() } };
  }

  private setState(state: WireState): void {
    if (this.current === state) return;
    this.current = state;
    for (const l of this.stateListeners) l(state);
  }
}

/** The token web mode prints travels in the fragment, so it never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

export function wireUrl(host: string, token: string): string {
  return `ws://${host}/ipc?token=${encodeURIComponent(token)}`;
}
