import { availableParallelism } from 'node:os';
import { StartupError } from './startup-error.js';

/** How many server processes share the port: `--workers`. */
export const WORKERS_VARIABLE = 'CLIENTAREA_WORKERS';

/**
 * The number of worker processes (option first, then the environment): a whole number from 1 to
 * 64, or `auto` for one per core. Default one: a single process is what runs on one SQLite file
 * on a small machine, and several pay off only where cores are free for them (docs/RUNNING.md).
 */
export function workerCountFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const value = (option ?? env[WORKERS_VARIABLE] ?? '').trim();
  if (!value) return 1;
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new StartupError('workers_invalid', `The worker count "${value}" must be a whole number from 1 to 64, or "auto" for one per core.`);
  }
  return count;
}
