/**
 * `npm run server -- [--port 4000] [--db .data/clientarea.sqlite] [--demo] [--host 127.0.0.1]
 *   [--public-url https://clientarea.example] [--trust-proxy 127.0.0.1] [--workers 2]`
 * Runs the reference client area until interrupted (docs/RUNNING.md).
 */
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { DEMO_LOGINS } from './demo/demo-logins.js';
import { devToolsEnabled } from './config/panel.js';
import { StartupError } from './config/startup-error.js';
import { workerCountFrom } from './config/workers.js';
import { startClientArea } from './server.js';
import { reportListening, startWorkers } from './worker-processes.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4000' },
    db: { type: 'string', default: '.data/clientarea.sqlite' },
    host: { type: 'string', default: '127.0.0.1' },
    demo: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    /** Defaults to CLIENTAREA_PUBLIC_URL, else the loopback URL it listens on. */
    'public-url': { type: 'string' },
    /** Defaults to CLIENTAREA_TRUST_PROXY, else no proxy is believed. */
    'trust-proxy': { type: 'string' },
    /** Processes sharing the port; defaults to CLIENTAREA_WORKERS, else 1 (`auto`: one per core). */
    workers: { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logLevel = logLevels.find((l) => l === values['log-level']);
if (!logLevel) {
  console.error(`--log-level must be one of ${logLevels.join(', ')}`);
  process.exit(2);
}

/** A setting or a file it cannot start with: the code and the sentence, not a stack trace. */
function refuseToStart(error: unknown): never {
  if (error instanceof StartupError) {
    console.error(`error ${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const start = () =>
  startClientArea({
    host: values.host,
    port,
    databaseFile: values.db,
    demo: values.demo,
    logLevel,
    publicUrl: values['public-url'],
    trustProxy: values['trust-proxy'],
  }).catch(refuseToStart);

function announce({ url, publicUrl, adminKey }: { url: string; publicUrl: string; adminKey: string }, workers: number): void {
  console.log(`listening on ${url}` + (workers > 1 ? ` (${workers} worker processes)` : ''));
  if (publicUrl !== url) console.log(`links point to ${publicUrl}`);
  if (values.demo) {
    for (const [role, login] of Object.entries(DEMO_LOGINS)) {
      console.log(`demo ${role} login: ${login.email} / ${login.password} (${login.name})`);
    }
  }
  if (!process.env.CLIENTAREA_ADMIN_KEY) {
    console.log('admin key for this run (set CLIENTAREA_ADMIN_KEY to fix it): ' + adminKey);
  }
}

const stopOnSignal = (server: { close(): Promise<void> }) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server.close().then(() => process.exit(0));
    });
  }
};

if (cluster.isWorker) {
  const server = await start();
  stopOnSignal(server);
  reportListening(server);
} else {
  let workers = 1;
  try {
    workers = workerCountFrom(values.workers);
  } catch (error) {
    refuseToStart(error);
  }
  if (workers === 1) {
    const server = await start();
    stopOnSignal(server);
    announce(server, 1);
  } else {
    const listening = await startWorkers(workers, { developmentKeys: devToolsEnabled({ demo: values.demo }) }).catch((error: unknown) => {
      console.error(`error workers_not_started: ${(error as Error).message}`);
      process.exit(1);
    });
    announce(listening, workers);
  }
}
