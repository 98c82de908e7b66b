import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { createCore, type Core, type CoreOptions } from '../core.js';
import { silentLogger } from '../logging.js';
import { openSessionVault } from '../vault/session-vault.js';
import type { Vault } from '../vault/vault.js';
import { contentSecurityPolicy } from '../windows/content-security-policy.js';
import { createAccessToken, hostAllowed } from './access-token.js';
import { serveStatic } from './static-files.js';
import { attachWsBridge } from './ws-bridge.js';

export interface WebModeOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  /** By default the keychain, or memory for the session where none answers (openSessionVault). */
  vault?: Vault;
  logger?: Logger;
  /** Like the desktop app's first start: add the demo provider when there is no connection. */
  addDemoWhenEmpty?: boolean;
  /** Sync all connections at start and periodically. */
  autoSync?: boolean;
  /** Tuning (tests, CLI flags); see CoreOptions. */
  core?: Pick<CoreOptions, 'requestTimeoutMs' | 'syncTimeoutMs' | 'syncRetries' | 'syncBackoffMs' | 'probeIntervalMs' | 'answerWaitMs'>;
}

export interface WebMode {
  /** `http://127.0.0.1:<port>/#token=<token>`: what a browser opens. */
  url: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

/**
 * The real main-process code served to a plain browser: the built renderer over loopback HTTP
 * and the IPC contract over a token-guarded WebSocket. Only 127.0.0.1 is bound.
 */
export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const logger = options.logger ?? silentLogger();
  const rendererDir = path.resolve(options.rendererDir);
  const token = createAccessToken();
  const { vault, status: vaultStatus } = options.vault ? { vault: options.vault, status: undefined } : await openSessionVault(logger);
  const core = createCore({
    dataDir: options.dataDir,
    vault,
    vaultStatus,
    logger,
    panelOpener: null,
    ...options.core,
  });

  let port = 0;
  const server = http.createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    void serveStatic(rendererDir, req, res, {
      'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    }).catch((error) => {
      logger.error({ err: error }, 'static file request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const bridge = attachWsBridge(server, { core, token, port: () => port, logger: logger.child({ module: 'web' }) });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  // A browser cannot show desktop notifications for main: they travel as events (the renderer may
  // show them) and go to the log.
  const unlog = core.events.on((event, payload) => {
    if (event === 'notification') logger.info({ notification: (payload as { title: string }).title }, 'notification');
  });
  for (const notice of core.startNotices()) logger.warn({ notification: notice.title }, notice.body);
  // Said once, at start: where sign-ins are kept when it is not the keychain, and why.
  void core.dispatch('vault.status', {}).then((reply) => {
    if (reply.ok && (reply.result as { message: string | null }).message) logger.warn({ vault: reply.result }, (reply.result as { message: string }).message);
  });

  if (options.addDemoWhenEmpty) await core.addDemoWhenEmpty();
  if (options.autoSync) core.startAutoSync();

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    core,
    close() {
      closing ??= (async () => {
        unlog();
        await bridge.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await core.close();
      })();
      return closing;
    },
  };
}
