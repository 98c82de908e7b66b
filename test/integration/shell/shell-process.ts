/**
 * Runs the real bundled shell (`build/main/main.mjs`, made by `node scripts/build-main.mjs`) in a
 * Node child process with `electron` resolved to the recording stand-in, and drives it: the
 * records stream in as they happen, commands play the user, the page and the operating system.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ShellRecord } from '../../electron-stand-in/records.js';

export type { ShellRecord };

const root = path.resolve(import.meta.dirname, '../../..');
export const bundle = path.join(root, 'build/main/main.mjs');
export const rendererDir = path.join(root, 'build/renderer');
/** The shell serves its page on its own scheme (src-main/windows/app-scheme.ts), never file://. */
export const appEntryUrl = 'app://clientdeck/index.html';
export const preloadPath = path.join(root, 'build/main/preload.cjs');

export interface ShellOptions {
  dataDir?: string;
  argv?: string[];
  env?: Record<string, string>;
}

export interface RunningShell {
  dataDir: string;
  records: ShellRecord[];
  exited: Promise<number>;
  send<T = any>(command: string, input?: unknown): Promise<T>;
  /** Waits for the first record (from `after` on) that matches, and returns it. */
  waitFor(what: string, match: (r: ShellRecord) => boolean, options?: { after?: number; timeoutMs?: number }): Promise<ShellRecord>;
  find(match: (r: ShellRecord) => boolean): ShellRecord[];
  /** The app's own page asks main, as the preload would. */
  invoke<T = any>(channel: string, input?: unknown, sender?: Partial<Sender>): Promise<T>;
  stop(): Promise<void>;
}

export interface Sender {
  webContentsId: number;
  frameUrl: string | null;
  isMainFrame: boolean;
}

let built = false;

/** Bundles the shell from the sources under test, once per test process, so the records describe this tree. */
export function buildShell(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build-main.mjs')], { cwd: root, stdio: 'pipe' });
  built = true;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-shell-'));
}

export function startShell(options: ShellOptions = {}): RunningShell {
  buildShell();
  const dataDir = options.dataDir ?? tempDataDir();
  const child: ChildProcess = fork(bundle, options.argv ?? [], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--import', path.join(root, 'test/electron-stand-in/register.mjs')],
    env: { ...process.env, CLIENTDECK_DATA_DIR: dataDir, STAND_IN_USER_DATA: dataDir, CLIENTDECK_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const records: ShellRecord[] = [];
  const replies = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const watchers = new Set<() => void>();
  let nextId = 1;
  let exitCode: number | null = null;
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code) => {
      exitCode = code ?? -1;
      for (const reply of replies.values()) reply.reject(new Error(`the shell exited (${exitCode}) before answering`));
      for (const w of watchers) w();
      resolve(exitCode);
    });
  });
  child.on('message', (message: any) => {
    if (message.type === 'record') {
      records.push(message.record);
      for (const w of watchers) w();
    } else if (message.type === 'reply') {
      const reply = replies.get(message.id);
      replies.delete(message.id);
      if (message.ok) reply?.resolve(message.result);
      else reply?.reject(new Error(`stand-in command failed: ${message.error}`));
    }
  });

  const shell: RunningShell = {
    dataDir,
    records,
    exited,
    send(command, input = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        replies.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, command, input });
      });
    },
    waitFor(what, match, { after = 0, timeoutMs = 20_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = records.find((r) => r.seq > after && match(r));
          if (found || exitCode !== null) {
            watchers.delete(check);
            clearTimeout(timer);
            if (found) resolve(found);
            else reject(new Error(`the shell exited before ${what}`));
          }
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`timed out waiting for ${what}; last records: ${JSON.stringify(records.slice(-8))}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
    find: (match) => records.filter(match),
    async invoke(channel, input = {}, sender = {}) {
      const window = mainWindowContents(records);
      const reply = await shell.send('invoke', {
        channel: 'clientdeck:invoke',
        message: { channel, input },
        sender: { webContentsId: window, frameUrl: appEntryUrl, isMainFrame: true, ...sender },
      });
      return reply;
    },
    async stop() {
      if (exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  return shell;
}

export interface MadeWindow {
  options: any;
  window: string;
  webContents: string;
  id: number;
}

/** Every window the shell made, in order, with the options it passed. */
export function windowsMade(records: ShellRecord[]): MadeWindow[] {
  return records
    .filter((r) => r.target === 'BrowserWindow' && r.method === 'new')
    .map((r) => ({ options: r.args[0], ...(r.args[1] as Omit<MadeWindow, 'options'>) }));
}

/** The web contents id of the app's own window (the one with the preload). */
export function mainWindowContents(records: ShellRecord[]): number {
  const made = windowsMade(records).find((w) => w.options?.webPreferences?.preload);
  if (!made) throw new Error('the shell made no app window');
  return made.id;
}

export const isCall = (target: string, method: string) => (r: ShellRecord) => r.target === target && r.method === method;
