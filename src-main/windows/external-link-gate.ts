/**
 * How many links one panel may hand to the system browser: a hostile or broken panel page could
 * otherwise open browser tabs in a loop. Each window gets `limit` links per `windowMs` (sliding),
 * and only one confirmation at a time; what goes over is dropped, not queued, so nothing opens
 * later by surprise.
 */
export interface ExternalLinkGateOptions {
  limit?: number;
  windowMs?: number;
  clock?: () => number;
}

export type ExternalLinkVerdict = 'ask' | 'too_many' | 'asking';

export class ExternalLinkGate {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: () => number;
  readonly #recent = new Map<string, number[]>();
  readonly #asking = new Set<string>();

  constructor(options: ExternalLinkGateOptions = {}) {
    this.#limit = options.limit ?? 3;
    this.#windowMs = options.windowMs ?? 10_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** Whether a link from `source` may be offered to the user now; `ask` counts it and holds the source until `answered`. */
  request(source: string): ExternalLinkVerdict {
    if (this.#asking.has(source)) return 'asking';
    const now = this.#clock();
    const recent = (this.#recent.get(source) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length >= this.#limit) {
      this.#recent.set(source, recent);
      return 'too_many';
    }
    recent.push(now);
    this.#recent.set(source, recent);
    this.#asking.add(source);
    return 'ask';
  }

  /** The user answered the confirmation for `source`: its next link may be asked about. */
  answered(source: string): void {
    this.#asking.delete(source);
  }

  /** A closed window's history is dropped. */
  forget(source: string): void {
    this.#recent.delete(source);
    this.#asking.delete(source);
  }
}
