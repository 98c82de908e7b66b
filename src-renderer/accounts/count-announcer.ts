/**
 * When a count on screen is worth saying aloud. A count line that is a live region is read out at
 * every change: about 20 times while the first copy of 100,000 accounts arrives, and once per
 * keystroke of a search. This says the start of the copy and its end at once, and any other
 * change (a search, a sync that added accounts) once the user has paused.
 */

/** What the visible count says now, and what the user asked for. */
export interface CountFacts {
  /** The visible text; empty while there is no count to show. */
  line: string;
  /** The list's first copy is still arriving. */
  copying: boolean;
  /** What the user asked for (a filter, a query): a new value is typing, not rows arriving. */
  asked: unknown;
  /** Said before the count when the copy has ended ("All accounts are loaded."). */
  copyEnded: string;
}

/** A pause in typing this long is the end of a search. */
export const TYPING_PAUSE_MS = 700;

export interface AnnouncerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: AnnouncerTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CountAnnouncer {
  private last: CountFacts | null = null;
  private pending: unknown = null;
  private said = '';

  constructor(
    private readonly say: (text: string) => void,
    private readonly timers: AnnouncerTimers = realTimers,
  ) {}

  update(next: CountFacts): void {
    const prev = this.last;
    this.last = next;
    // What was on screen when the count appeared is not news: only its changes are said.
    if (prev === null) return;
    if (next.line === '') return this.cancel();
    if (next.copying && !prev.copying) return this.now(next.line);
    if (!next.copying && prev.copying) return this.now(`${next.copyEnded} ${next.line}`);
    if (!next.copying && prev.line === '') return this.now(next.line);
    // While the copy arrives the line moves with every window; only the user's own change counts.
    if (next.asked !== prev.asked || (!next.copying && next.line !== prev.line)) this.afterPause();
  }

  stop(): void {
    this.cancel();
  }

  private now(text: string): void {
    this.cancel();
    // The same words again would change nothing in the live region, so nothing would be read.
    if (text === this.said) return;
    this.said = text;
    this.say(text);
  }

  private afterPause(): void {
    this.cancel();
    this.pending = this.timers.setTimeout(() => {
      this.pending = null;
      if (this.last && this.last.line !== '') this.now(this.last.line);
    }, TYPING_PAUSE_MS);
  }

  private cancel(): void {
    if (this.pending !== null) this.timers.clearTimeout(this.pending);
    this.pending = null;
  }
}
