/**
 * A WHMCS admin-API stand-in: `POST /includes/api.php`, form-encoded, answering JSON as WHMCS does
 * with `responsetype=json`. It checks what WHMCS checks, in WHMCS's order: the caller's IP against
 * the allowed IPs unless a matching `accesskey` is sent ("Invalid IP <ip>"), then the credentials
 * (`identifier` + `secret`, or the same in `username` + `password`: "Authentication Failed"), then
 * the credential's API role ('Invalid Permissions: API action "<action>" is not allowed'). It also
 * redeems the SSO tokens it hands out (`/oauth/singlesignon.php`), once each, within 60 seconds.
 * Every request is recorded, so tests count round trips instead of timing them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { ACTIONS, ApiRefusal, type Params } from './actions.js';
import { seedWorld, type StandInCredential, type StandInWorld } from './world.js';

export interface AdminStandInOptions {
  /** How many clients to seed (5,000 for the bench). */
  clients?: number;
  credentials?: StandInCredential[];
  /** IPs allowed to call the API; null allows any. */
  allowedIps?: string[] | null;
  /** `$api_access_key` of configuration.php: a request carrying it skips the IP check. */
  accessKey?: string | null;
  now?: () => Date;
}

export interface AdminStandIn {
  url: string;
  world: StandInWorld;
  /** The action of every API request, lower-cased, in order. */
  requests: string[];
  count(action: string): number;
  /** Changes the allowed IPs (null: any) while running. */
  allowIps(ips: string[] | null): void;
  close(): Promise<void>;
}

export const STAND_IN_CREDENTIAL: StandInCredential = {
  identifier: 'D4j1dKYE3g40VROOPCGyJ9zRwP0ADJIv',
  secret: 'F1CKGXRIpylMfsrig3mwwdSdYUdLiFlo',
  allowedActions: null,
};

const SSO_TOKEN_LIFETIME_MS = 60_000;

export async function startAdminStandIn(options: AdminStandInOptions = {}): Promise<AdminStandIn> {
  const world = seedWorld(options.clients ?? 3);
  const credentials = options.credentials ?? [STAND_IN_CREDENTIAL];
  const now = options.now ?? (() => new Date());
  let allowedIps = options.allowedIps === undefined ? ['127.0.0.1'] : options.allowedIps;
  const requests: string[] = [];
  const issuedAt = new Map<string, number>();

  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  let baseUrl = '';

  app.post('/includes/api.php', async (request, reply) => {
    const params = (request.body ?? {}) as Params;
    const action = (params.action ?? '').toLowerCase();
    requests.push(action);
    const refuse = (status: number, message: string) => reply.code(status).send({ result: 'error', message });

    const keyMatches = options.accessKey != null && params.accesskey === options.accessKey;
    if (allowedIps !== null && !keyMatches && !allowedIps.includes(request.ip)) return refuse(403, `Invalid IP ${request.ip}`);
    const identifier = params.identifier ?? params.username;
    const secret = params.secret ?? params.password;
    const credential = credentials.find((c) => c.identifier === identifier && c.secret === secret);
    if (!credential) return refuse(403, 'Authentication Failed');
    if (credential.allowedActions && !credential.allowedActions.has(action)) {
      return refuse(403, `Invalid Permissions: API action "${action}" is not allowed`);
    }
    const handler = ACTIONS[action];
    if (!handler) return refuse(200, 'Command Not Found');
    try {
      const answer = handler(params, { world, baseUrl, now });
      if (action === 'createssotoken') issuedAt.set(String(answer.access_token), now().getTime());
      return reply.send({ result: 'success', ...answer });
    } catch (error) {
      if (error instanceof ApiRefusal) return refuse(200, error.message);
      throw error;
    }
  });

  app.get('/oauth/singlesignon.php', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).access_token ?? '');
    const grant = world.ssoTokens.get(token);
    const issued = issuedAt.get(token);
    world.ssoTokens.delete(token);
    if (!grant || issued === undefined || now().getTime() - issued > SSO_TOKEN_LIFETIME_MS) {
      return reply.code(302).header('location', '/index.php?rp=/login&ssoexpired=1').send();
    }
    return reply.code(302).header('location', `/clientarea.php?client=${grant.clientId}`).send();
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the WHMCS admin stand-in did not get a port');
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: baseUrl,
    world,
    requests,
    count: (name) => requests.filter((a) => a === name.toLowerCase()).length,
    allowIps(ips) {
      allowedIps = ips;
    },
    close: () => app.close(),
  };
}
