import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, WebSocket } from 'ws';
import { WireRequest, type WireMessage } from '../../src-shared/ipc/wire.js';
import type { Core } from '../core.js';
import { summariseIssues } from '../ipc/ipc-failure.js';
import { accessTokenMatches, hostAllowed, originAllowed } from './access-token.js';

const MAX_MESSAGE_BYTES = 1024 * 1024;

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
}

/**
 * Serves the IPC contract over a loopback WebSocket at `/ipc?token=…`: every request goes through
 * the same dispatcher as in Electron, and every event is pushed to every client.
 */
export function attachWsBridge(server: HttpServer, options: { core: Core; token: string; port: () => number; logger: Logger }) {
  const { core, token, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const port = options.port();
    if (url.pathname !== '/ipc') return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      logger.warn({ origin: req.headers.origin }, 'refused WebSocket from a foreign origin');
      return refuse(socket, 403, 'Forbidden');
    }
    if (!accessTokenMatches(url.searchParams.get('token'), token)) {
      logger.warn('refused WebSocket with a missing or wrong token');
      return refuse(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void answer(ws, data, isBinary);
    });
    ws.on('error', (error) => logger.debug({ err: error }, 'WebSocket client error'));
  });

  function send(ws: WebSocket, message: WireMessage): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      raw = undefined;
    }
    const request = WireRequest.safeParse(raw);
    if (!request.success) {
      // Reply to the id if one can be read, so the client's pending call does not hang; -1 otherwise.
      const id = typeof raw === 'object' && raw !== null && Number.isInteger((raw as { id?: unknown }).id) ? (raw as { id: number }).id : -1;
      const why = raw === undefined ? 'it is not JSON text' : summariseIssues(request.error);
      send(ws, { kind: 'reply', id, reply: { ok: false, error: { code: 'invalid_message', message: `The message was not a valid request: ${why}.` } } });
      return;
    }
    const reply = await core.dispatch(request.data.channel, request.data.input);
    send(ws, { kind: 'reply', id: request.data.id, reply });
  }

  const unsubscribe = core.events.on((event, payload) => {
    const message = JSON.stringify({ kind: 'event', event, payload } satisfies WireMessage);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
  });

  return {
    wss,
    async close(): Promise<void> {
      unsubscribe();
      for (const client of wss.clients) client.close(1001, 'Clientdeck is shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
