import type { Logger } from 'pino';
import { isClientdeckError } from '../../../errors.js';
import type { HomeCounts } from './pages.js';

export interface AccountSummariesOptions {
  /** Reads one account's counts (switch to it, read its home page). */
  fetch(accountId: string): Promise<HomeCounts>;
  logger: Logger;
  provider: string;
  /** Fetches running at once. */
  concurrency?: number;
  /** Counts older than this are fetched again the next time the list asks for them. */
  maxAgeMs?: number;
  clock?: () => Date;
}

interface Known {
  counts: HomeCounts;
  fetchedAt: Date;
}

/**
 * The summary counts of each account, which WHMCS shows only on that account's own home page
 * (two requests each). The list never waits for them: it takes what is cached and this fetches
 * the rest in the background, a bounded number at once, for the next sync to show.
 */
export class AccountSummaries {
  readonly #known = new Map<string, Known>();
  readonly #waiting: string[] = [];
  readonly #queued = new Set<string>();
  #running = 0;
  #idle: (() => void)[] = [];

  constructor(private readonly options: AccountSummariesOptions) {}

  /** The cached counts (null when none yet); asks for fresh ones when missing or old. */
  get(accountId: string): Known | null {
    const known = this.#known.get(accountId) ?? null;
    const now = (this.options.clock ?? (() => new Date()))().getTime();
    if (!known || now - known.fetchedAt.getTime() > (this.options.maxAgeMs ?? 15 * 60_000)) this.#enqueue(accountId);
    return known;
  }

  /** Resolves once no fetch is queued or running: for tests and the bench. */
  settled(): Promise<void> {
    if (this.#running === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  forget(accountId: string): void {
    this.#known.delete(accountId);
  }

  #enqueue(accountId: string): void {
    if (this.#queued.has(accountId)) return;
    this.#queued.add(accountId);
    this.#waiting.push(accountId);
    this.#pump();
  }

  #pump(): void {
    while (this.#running < (this.options.concurrency ?? 1) && this.#waiting.length > 0) {
      const accountId = this.#waiting.shift()!;
      this.#running++;
      void this.#fetchOne(accountId).finally(() => {
        this.#running--;
        this.#queued.delete(accountId);
        this.#pump();
        if (this.#running === 0 && this.#waiting.length === 0) for (const resolve of this.#idle.splice(0)) resolve();
      });
    }
  }

  async #fetchOne(accountId: string): Promise<void> {
    try {
      const counts = await this.options.fetch(accountId);
      this.#known.set(accountId, { counts, fetchedAt: (this.options.clock ?? (() => new Date()))() });
    } catch (error) {
      // A failed count stays as it was and is asked for again by the next listing.
      this.options.logger.debug(
        { provider: this.options.provider, accountId, code: isClientdeckError(error) ? error.code : 'internal_error' },
        'WHMCS account counts not fetched',
      );
    }
  }
}
