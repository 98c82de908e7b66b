/**
 * `npm run server -- [--port 4000] [--db .data/clientarea.sqlite] [--demo] [--host 127.0.0.1]
 *   [--public-url https://clientarea.example] [--trust-proxy 127.0.0.1]`
 * Runs the reference client area until interrupted (docs/RUNNING.md).
 */
import { parseArgs } from 'node:util';
import { DEMO_LOGINS } from './demo/demo-logins.js';
import { StartupError } from './config/startup-error.js';
import { startClientArea } from './server.js';

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

const server = await startClientArea({
  host: values.host,
  port,
  databaseFile: values.db,
  demo: values.demo,
  logLevel,
  publicUrl: values['public-url'],
  trustProxy: values['trust-proxy'],
}).catch((error: unknown) => {
  // A setting or a file it cannot start with: the code and the sentence, not a stack trace.
  if (error instanceof StartupError) {
    console.error(`error ${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
});
console.log(`listening on ${server.url}`);
if (server.publicUrl !== server.url) console.log(`links point to ${server.publicUrl}`);
if (values.demo) {
  for (const [role, login] of Object.entries(DEMO_LOGINS)) {
    console.log(`demo ${role} login: ${login.email} / ${login.password} (${login.name})`);
  }
}
if (!process.env.CLIENTAREA_ADMIN_KEY) {
  console.log('admin key for this run (set CLIENTAREA_ADMIN_KEY to fix it): ' + server.adminKey);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
