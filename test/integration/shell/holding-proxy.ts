/**
 * A loopback proxy in front of a provider that counts invitation answers and can hold them in
 * flight, so a test can quit the app while an answer is on the wire.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  /** Answers (`POST /invitations/<id>/<answer>`) that reached the proxy, held or not. */
  answers: string[];
  hold(): void;
  release(): void;
  /** Resolves once an answer is being held. */
  held(): Promise<void>;
  close(): Promise<void>;
}

const ANSWER = /\/invitations\/[^/]+\/(accept|decline)$/;

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let holding = false;
  let waiting: Array<() => void> = [];
  let onHeld: Array<() => void> = [];
  const answers: string[] = [];

  const server = http.createServer((request, response) => {
    const forward = () => {
      const outgoing = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
        (reply) => {
          response.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(response);
        },
      );
      outgoing.on('error', () => response.destroy());
      request.pipe(outgoing);
    };
    const path = (request.url ?? '').split('?')[0]!;
    if (request.method === 'POST' && ANSWER.test(path)) {
      answers.push(path);
      if (holding) {
        waiting.push(forward);
        for (const notify of onHeld) notify();
        onHeld = [];
        return;
      }
    }
    forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const go = waiting;
      waiting = [];
      for (const forward of go) forward();
    },
    held: () => (waiting.length > 0 ? Promise.resolve() : new Promise((resolve) => onHeld.push(resolve))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
