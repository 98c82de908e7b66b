import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../data-dir.js';
import { createLogger } from '../logging.js';
import { startWebMode } from './web-mode.js';

const USAGE =
  'Usage: tsx src-main/web/cli.ts [--port N (0 = any free port, default 4100)] [--data-dir DIR] [--no-demo]\n' +
  'Environment: CLIENTDECK_DATA_DIR, CLIENTDECK_LOG_LEVEL, CLIENTDECK_ONLINE_PROBE_MS (how often offline providers are probed; default 15000)';

function parseProbeInterval(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000)
    throw new Error(`CLIENTDECK_ONLINE_PROBE_MS must be a whole number of milliseconds from 100 to 3600000, not “${text}”.`);
  return ms;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not “${text}”.\n${USAGE}`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4100' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const logger = createLogger({ level: process.env.CLIENTDECK_LOG_LEVEL ?? 'info' });
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : resolveDataDir();
  const web = await startWebMode({
    dataDir,
    port: parsePort(values.port),
    rendererDir: path.resolve(here, '../../build/renderer'),
    logger,
    addDemoWhenEmpty: !values['no-demo'],
    autoSync: true,
    core: { probeIntervalMs: parseProbeInterval(process.env.CLIENTDECK_ONLINE_PROBE_MS) },
  });
  process.stdout.write(`Clientdeck web mode: ${web.url}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    web.close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Clientdeck web mode could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
