import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DEMO_LOGINS } from '../../src-server/demo/demo-logins.js';
import { ClientdeckError } from '../errors.js';

/** The embedded reference client area the app offers when the user has no provider yet. */
export interface DemoProvider {
  /** The login the demo connection signs in with (public demo data, not a user secret). */
  readonly login: { email: string; password: string };
  /** Starts the provider once per process and returns its base URL (a new port each start). */
  ensureStarted(): Promise<string>;
  stop(): Promise<void>;
}

interface Running {
  url: string;
  close(): Promise<void>;
}

export function demoDatabaseFile(dataDir: string): string {
  return path.join(dataDir, 'demo-provider', 'clientarea.sqlite');
}

export function createDemoProvider(dataDir: string, logger: Logger): DemoProvider {
  let running: Promise<Running> | null = null;

  async function start(): Promise<Running> {
    const databaseFile = demoDatabaseFile(dataDir);
    await fs.mkdir(path.dirname(databaseFile), { recursive: true, mode: 0o700 });
    // Created empty with mode 0600 first, whatever the umask: SQLite gives its -wal and -shm the
    // database file's mode, so the demo's logins and tokens stay readable by the user only.
    await (await fs.open(databaseFile, 'a', 0o600)).close();
    await fs.chmod(databaseFile, 0o600);
    // Loaded on demand: the server brings SQLite and fastify, which a user with real providers never needs.
    const { startClientArea } = await import('../../src-server/server.js');
    const server = await startClientArea({ port: 0, databaseFile, demo: true });
    // Files an older version left behind with the umask's mode.
    for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) await fs.chmod(file, 0o600).catch(() => undefined);
    logger.info({ url: server.url }, 'demo provider started');
    return server;
  }

  return {
    login: { email: DEMO_LOGINS.agency.email, password: DEMO_LOGINS.agency.password },

    async ensureStarted() {
      running ??= start();
      try {
        return (await running).url;
      } catch (error) {
        running = null;
        logger.error({ err: error }, 'demo provider failed to start');
        throw new ClientdeckError(
          'provider_unreachable',
          'The demo provider could not be started. Restart Clientdeck; if it keeps failing, report it with the log file.',
        );
      }
    },

    async stop() {
      const current = running;
      running = null;
      if (!current) return;
      try {
        await (await current).close();
      } catch (error) {
        logger.warn({ err: error }, 'demo provider did not stop cleanly');
      }
    },
  };
}
