/**
 * Several server processes behind one port (docs/RUNNING.md, "Several processes on one machine"):
 * the primary forks the workers with node:cluster and hands each new connection to one of them in
 * turn; every worker runs the whole client area on the shared store, which keeps the limits,
 * sessions and idempotency keys (docs/ARCHITECTURE.md §5).
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { TWO_FACTOR_KEY_VARIABLE } from './config/two-factor.js';

/** What a worker tells the primary once it listens. */
interface Listening {
  kind: 'clientarea.listening';
  url: string;
  publicUrl: string;
}

export interface WorkersListening {
  url: string;
  publicUrl: string;
  adminKey: string;
}

/** In a worker: tells the primary where it listens, instead of printing it as a lone server does. */
export function reportListening(server: { url: string; publicUrl: string }): void {
  const message: Listening = { kind: 'clientarea.listening', url: server.url, publicUrl: server.publicUrl };
  process.send?.(message);
}

/**
 * In the primary: starts `count` workers and resolves once all of them listen. The first starts
 * alone, so the migrations (and the demo data) run once, before the others open the store. The
 * settings a lone process would make up for itself (the admin key, the development two-factor key)
 * are made up once here and given to every worker: a request may reach any of them.
 */
export async function startWorkers(count: number, { developmentKeys }: { developmentKeys: boolean }): Promise<WorkersListening> {
  const adminKey = process.env.CLIENTAREA_ADMIN_KEY ?? randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = { CLIENTAREA_ADMIN_KEY: adminKey };
  if (developmentKeys && !process.env[TWO_FACTOR_KEY_VARIABLE]) env[TWO_FACTOR_KEY_VARIABLE] = randomBytes(32).toString('hex');

  let stopping = false;
  const fork = (): Promise<Listening> =>
    new Promise((resolve, reject) => {
      const worker: Worker = cluster.fork(env);
      let listening = false;
      worker.on('message', (message: Listening) => {
        if (message?.kind !== 'clientarea.listening') return;
        listening = true;
        resolve(message);
      });
      worker.on('exit', (code, signal) => {
        if (stopping) return;
        // One that never listened could not start (it printed why): starting it again would fail again.
        if (!listening) reject(new Error(`A worker process exited before it listened (code ${code}, signal ${signal}).`));
        else {
          console.error(`a worker process stopped (code ${code}, signal ${signal}); starting another`);
          void fork().catch(() => undefined);
        }
      });
    });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      let left = workers.length;
      if (left === 0) process.exit(0);
      for (const worker of workers) {
        worker.once('exit', () => --left === 0 && process.exit(0));
        worker.process.kill(signal);
      }
    });
  }

  try {
    const first = await fork();
    await Promise.all(Array.from({ length: count - 1 }, fork));
    return { url: first.url, publicUrl: first.publicUrl, adminKey };
  } catch (error) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    throw error;
  }
}
