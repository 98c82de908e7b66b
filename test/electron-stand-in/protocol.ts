/** Custom schemes: what the shell registers before ready, and the handler it serves them with. */
import { command, record } from './records.js';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown) => record('protocol', 'registerSchemesAsPrivileged', schemes),
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol', 'handle', scheme, handler);
    protocolHandlers.set(scheme, handler);
  },
};

/** The page (or an attacker's link in it) asks for a URL of a scheme the shell serves itself. */
command('protocolRequest', async ({ url, method = 'GET' }: { url: string; method?: string }) => {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  if (!handler) return { unhandled: scheme };
  const response = await handler(new Request(url, { method }));
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: await response.text() };
});
