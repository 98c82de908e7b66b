/**
 * The reference client area as a provider runs it: `src-server/cli.ts` in its own process on a
 * free loopback port, so a benchmark's client work never shares the server's event loop.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { spawnScript, stopGroup, untilReady } from '../test/e2e/fixtures/process-group.js';

export interface RunningProvider {
  url: string;
  /** The admin key the process was started with. */
  adminKey: string;
  stop(): Promise<void>;
  /**
   * CPU seconds the provider's processes have used so far (user and system, its whole process
   * group, from /proc): the difference over a run, divided by the answers, is what one answer
   * costs the server, which other work on the machine delays but does not add to.
   */
  cpuSeconds(): number;
}

export interface ProviderStore {
  databaseFile: string;
  /** A PostgreSQL database; empty for the SQLite file. */
  databaseUrl?: string;
  /**
   * Flags for the server's node (`--cpu-prof`, `--trace-gc`, …), handed through tsx; none by
   * default, so the server runs as a provider runs it.
   */
  nodeArguments?: readonly string[];
}

export interface ProviderOptions {
  /**
   * Where the server process writes its CPU profile (`node --cpu-prof`, handed to it by tsx) when
   * it stops; tsx's loader thread writes a small one beside it.
   */
  cpuProfileDir?: string | undefined;
}

export async function serveProvider(store: ProviderStore, options: ProviderOptions = {}): Promise<RunningProvider> {
  const adminKey = 'bench-admin-key';
  const profiling = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const script = spawnScript([...profiling, 'src-server/cli.ts', '--port', '0', '--db', store.databaseFile, '--log-level', 'warn'], {
    ...process.env,
    DATABASE_URL: store.databaseUrl ?? '',
    CLIENTAREA_ADMIN_KEY: adminKey,
  });
  const [, url] = await untilReady(script.child, {
    ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    read: script.output,
    timeoutMs: 60_000,
    timedOut: 'The provider printed no address within 60 s',
    exited: (code, signal) => `The provider exited before it listened (code ${code}, signal ${signal})`,
    explain: (sentence) => new Error(`${sentence}:\n${script.output()}`),
  });
  const profileDir = options.cpuProfileDir;
  return {
    url: url!,
    adminKey,
    stop: () => (profileDir ? stopAfterProfile(script.child, profileDir) : stopGroup(script.child)),
    cpuSeconds: () => groupCpuSeconds(script.child.pid!),
  };
}

/**
 * npx, the group's leader, exits on SIGTERM before the server has closed, and `stopGroup` then
 * kills the rest: the profile, written as the server exits, would be lost. So the whole group is
 * asked to stop, and the group is killed only once the profile files stopped growing (30 s at most).
 */
async function stopAfterProfile(child: ChildProcess, dir: string): Promise<void> {
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  let last = '';
  for (let i = 0; i < 60; i++) {
    await delay(500);
    const sizes = profilesIn(dir);
    if (sizes !== '' && sizes === last) break;
    last = sizes;
  }
  await stopGroup(child);
}

/** Linux's clock ticks per second in /proc (USER_HZ, `getconf CLK_TCK`), 100 on every usual kernel. */
const TICKS_PER_SECOND = 100;

function groupCpuSeconds(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command name (in parentheses, which may hold spaces): state, ppid, pgrp, … utime, stime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

function profilesIn(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => `${f}:${statSync(path.join(dir, f)).size}`)
      .join(',');
  } catch {
    return '';
  }
}
