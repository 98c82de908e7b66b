/**
 * What the stand-in remembers and how it talks to the test: every call into "Electron" becomes a
 * record streamed to the parent process at once (so a test still has them after the shell quit),
 * and the test drives the shell with commands answered here.
 */
import { EventEmitter } from 'node:events';

export interface ShellRecord {
  seq: number;
  target: string;
  method: string;
  args: unknown[];
}

let seq = 0;
const targets = new Map<string, object>();

/** Objects the shell holds (windows, sessions, trays...) are named in records, not copied. */
export function named(target: object, name: string): void {
  targets.set(name, target);
  nameOf.set(target, name);
}
const nameOf = new WeakMap<object, string>();

export function lookup<T>(name: string): T {
  const target = targets.get(name);
  if (!target) throw new Error(`the shell never made ${name}`);
  return target as T;
}

/** Plain data the parent can read: functions and stand-in objects are named, buffers summarised. */
export function plain(value: unknown, depth = 0): unknown {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  const name = nameOf.get(value);
  if (name) return { ref: name };
  if (Buffer.isBuffer(value)) return `[buffer ${value.length}]`;
  if (depth > 8) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
}

function send(message: unknown, then?: () => void): void {
  if (process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
}

export function record(target: string, method: string, ...args: unknown[]): void {
  send({ type: 'record', record: { seq: ++seq, target, method, args: args.map((a) => plain(a)) } satisfies ShellRecord });
}

/** An event object as Electron hands listeners: preventable, with extra fields (`url`...). */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [field: string]: unknown;
}

export function standInEvent(target: string, name: string, fields: Record<string, unknown> = {}): StandInEvent {
  const event: StandInEvent = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
      record(target, `${name}:preventDefault`);
    },
  };
  return event;
}

/** An EventEmitter whose listener (un)registrations are recorded under its name. */
export class RecordingEmitter extends EventEmitter {
  #inOnce = false;

  constructor(readonly recordName: string) {
    super();
    named(this, recordName);
  }

  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    if (!this.#inOnce) record(this.recordName, 'on', String(event));
    return super.on(event, listener);
  }

  override once(event: string | symbol, listener: (...args: any[]) => void): this {
    record(this.recordName, 'once', String(event));
    this.#inOnce = true;
    try {
      return super.once(event, listener);
    } finally {
      this.#inOnce = false;
    }
  }

  override off(event: string | symbol, listener: (...args: any[]) => void): this {
    record(this.recordName, 'off', String(event));
    return super.off(event, listener);
  }

  /** Emits as Electron would, with a preventable event first; tells whether a listener prevented it. */
  fire(event: string, fields: Record<string, unknown> = {}, ...rest: unknown[]): StandInEvent {
    const e = standInEvent(this.recordName, event, fields);
    this.emit(event, e, ...rest);
    return e;
  }
}

type Command = (input: any) => unknown;
const commands = new Map<string, Command>();

/** What the test may ask: each stand-in part registers the commands it understands. */
export function command(name: string, run: Command): void {
  commands.set(name, run);
}

process.on('message', (message: { id: number; command: string; input: unknown }) => {
  const run = commands.get(message.command);
  Promise.resolve()
    .then(() => {
      if (!run) throw new Error(`the stand-in has no command ${message.command}`);
      return run(message.input);
    })
    .then(
      (result) => send({ type: 'reply', id: message.id, ok: true, result: plain(result) }),
      (error: unknown) => send({ type: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.stack : String(error) }),
    );
});

/** Electron ends the process after `quit`; the parent learns it after every record before it. */
export function exitProcess(code: number): void {
  send({ type: 'exit', code }, () => process.exit(code));
}
