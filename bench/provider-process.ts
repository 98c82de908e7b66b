/**
 * The reference client area as a provider runs it: `src-server/cli.ts` in its own process on a
 * free loopback port, so a benchmark's client work never shares the server's event loop.
 */
import { spawnScript, stopGroup, untilReady } from '../test/e2e/fixtures/process-group.js';

export interface RunningProvider {
  url: string;
  /** The admin key the process was started with. */
  adminKey: string;
  stop(): Promise<void>;
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
  return { url: url!, adminKey, stop: () => stopGroup(script.child) };
}
