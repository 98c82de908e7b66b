/**
 * The reference client area as a provider runs it: `src-server/cli.ts` in its own process on a
 * free loopback port, so a benchmark's client work never shares the server's event loop.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
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

export async function serveProvider(store: ProviderStore): Promise<RunningProvider> {
  const adminKey = 'bench-admin-key';
  const script = spawnScript([...(store.nodeArguments ?? []), 'src-server/cli.ts', '--port', '0', '--db', store.databaseFile, '--log-level', 'warn'], {
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
  // Flags such as --cpu-prof write their files as the server exits: it must be let exit.
  const writesAtExit = (store.nodeArguments ?? []).length > 0;
  return {
    url: url!,
    adminKey,
    stop: () => (writesAtExit ? stopServerFirst(script.child) : stopGroup(script.child)),
    cpuSeconds: () => groupCpuSeconds(script.child.pid!),
  };
}

/**
 * npx, the group's leader, exits on SIGTERM before the server has closed, and `stopGroup` then
 * kills the rest: a profile, written as the server exits, would be lost. Nor does a SIGTERM to
 * npx reach the server, and one to the whole group can reach it twice (tsx passes its own on),
 * the second killing it before it wrote the profile. So only the server is asked to stop: of the
 * group's processes running `cli.ts` (npx, sh, tsx, the server) the one that started none of the
 * others (esbuild, tsx's compiler, is the server's child but runs no `cli.ts`); npx, sh and tsx
 * exit after it. The group is killed once none of it is left (30 s at most).
 */
async function stopServerFirst(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group !== undefined) {
    const running = groupMembers(group).filter((m) => m.command.includes('src-server/cli.ts'));
    const parents = new Set(running.map((m) => m.ppid));
    for (const server of running.filter((m) => !parents.has(m.pid))) process.kill(server.pid, 'SIGTERM');
    for (let i = 0; i < 60 && groupMembers(group).length > 0; i++) await delay(500);
    // `stopGroup` does nothing once the leader has exited: whatever is left is killed here.
    if (groupMembers(group).length > 0) process.kill(-group, 'SIGKILL');
  }
  await stopGroup(child);
}

/** Linux's clock ticks per second in /proc (USER_HZ, `getconf CLK_TCK`), 100 on every usual kernel. */
const TICKS_PER_SECOND = 100;

function groupCpuSeconds(group: number): number {
  return groupMembers(group).reduce((ticks, m) => ticks + m.cpuTicks, 0) / TICKS_PER_SECOND;
}

interface GroupMember {
  pid: number;
  ppid: number;
  /** User and system time so far, in clock ticks. */
  cpuTicks: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
}

/** The live processes of process group `group`, from /proc/PID/stat. */
function groupMembers(group: number): GroupMember[] {
  const members: GroupMember[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command name (in parentheses, which may hold spaces): state, ppid, pgrp, … utime, stime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has exited (its profile is written); only its parent has yet to reap it.
    if (Number(fields[2]) !== group || fields[0] === 'Z') continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    members.push({ pid: Number(pid), ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), command });
  }
  return members;
}
