/**
 * Runs at most `max` tasks at once; the others wait their turn in arrival order. A finishing task
 * hands its slot straight to the next waiter, so the bound holds even under bursts.
 */
export class Limiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('A limiter needs a whole number of at least 1.');
  }

  get active(): number {
    return this.#active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) this.#active++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}

/**
 * The wait before retry number `attempt` (0-based): exponential, with ±25 % jitter so that many
 * connections failing together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exact = baseMs * 2 ** attempt;
  return Math.round(exact * (0.75 + random() * 0.5));
}
