import { compareOrderKeys } from '../../../src-shared/ipc/account-order.js';
import type { AccountChanges, AccountWindow, ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { keyOf, type AccountListLog } from './accounts-list-log.js';
import { ListOrder, type SortedList } from './accounts-list-order.js';

/**
 * How many versions' orders are kept for copies still under way: a copy takes about a second, and
 * a list that changed more often than this meanwhile is copied again from its newest version.
 */
const KEPT_VERSIONS = 4;

/**
 * Main's list in its default order, handed out a window at a time (`accounts.window`), so the
 * renderer shows the first screen before the other 100,000 rows have crossed (docs/ARCHITECTURE.md
 * §3). The first window of a list not yet ordered is picked out without sorting the rest
 * (`ListOrder`); the whole order follows when the next window asks for it. The order follows the
 * list's changes (`follow`, once the announced changes are quiet: `followWhenQuiet`): only the
 * rows a version changed are placed and merged in, so a renderer that starts finds it ready. Each
 * version's order is kept while a copy may still be reading it.
 */
export class AccountListWindows {
  readonly #kept = new Map<number, ListOrder>();
  #last: ListOrder | null = null;

  constructor(private readonly log: Pick<AccountListLog, 'snapshot' | 'changesSince'>) {}

  window(request: { version: number | null; offset: number; limit: number }): AccountWindow {
    const asked = request.version === null ? undefined : this.#kept.get(request.version);
    return (asked ?? this.follow()).window(request.offset, request.limit);
  }

  /**
   * Brings an order already held up to the newest version: a merge of the changed rows. The first
   * order (every row's place worked out, about half a second of main's time at 100,000 rows) is
   * worked out only when a renderer first asks for a window, not in the background after a sync,
   * where it held up whatever main did next (a sync, a replay).
   */
  catchUp(): void {
    if (this.#last) this.follow();
  }

  /** Brings the order up to the list's newest version. */
  follow(): ListOrder {
    const last = this.#last;
    const changes: AccountChanges = last ? this.log.changesSince(last.version) : { reset: true, version: 0 };
    if (last && !changes.reset && changes.version === last.version) return last;
    const next = !last || changes.reset ? ListOrder.of(this.log.snapshot()) : ListOrder.sorted(merged(last.whole(), changes));
    this.#last = next;
    this.#kept.set(next.version, next);
    for (const old of this.#kept.keys()) if (this.#kept.size > KEPT_VERSIONS) this.#kept.delete(old);
    return next;
  }
}

/** The order before with the rows a change touched taken out and put back at their places: one pass, no sort of the rest. */
function merged(before: SortedList, changes: Extract<AccountChanges, { reset: false }>): SortedList {
  const touched = new Set<string>(changes.removed.map(keyOf));
  for (const row of changes.upserted) touched.add(keyOf(row));
  const arrived = ListOrder.of({ version: changes.version, rows: changes.upserted }).whole();
  const out = new Uint8Array(before.rows.length);
  let left = 0;
  for (let i = 0; i < before.rows.length; i++) {
    if (!touched.has(keyOf(before.rows[i]!))) continue;
    out[i] = 1;
    left++;
  }
  const n = before.rows.length - left + arrived.rows.length;
  const rows = new Array<ListedAccount>(n);
  const places = new Array<string>(n);
  let b = 0;
  let a = 0;
  for (let at = 0; at < n; at++) {
    while (b < before.rows.length && out[b] === 1) b++;
    const takeArrived = b === before.rows.length || (a < arrived.rows.length && compareOrderKeys(arrived.places[a]!, before.places[b]!) < 0);
    rows[at] = takeArrived ? arrived.rows[a]! : before.rows[b]!;
    places[at] = takeArrived ? arrived.places[a++]! : before.places[b++]!;
  }
  return { version: changes.version, rows, places };
}

/**
 * Quiet this long after the last announced change before the order follows: the renderers already
 * open ask for their changes first, and a sync of 20 connections (a change every few dozen ms)
 * pays one merge at its end instead of one per connection, which had made it take three times as long.
 */
const QUIET_MS = 300;
/** A list that never goes quiet (a long replay) still has its order followed this often. */
const AT_MOST_MS = 5_000;

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/** Follows the list's order once its announced changes have gone quiet (see QUIET_MS). */
export function followWhenQuiet(
  events: { on(listener: (event: string, payload: unknown) => void): () => void },
  windows: Pick<AccountListWindows, 'catchUp'>,
  timers: Timers = REAL_TIMERS,
): () => void {
  let pending: unknown = null;
  let firstPendingAt = 0;
  const run = () => {
    pending = null;
    try {
      windows.catchUp();
    } catch {
      // Nothing is lost: the next accounts.window works the order out itself and reports what fails.
    }
  };
  return events.on((event, payload) => {
    if (event !== 'data.changed' || !(payload as { lists: string[] }).lists.includes('accounts')) return;
    const now = timers.now();
    if (pending === null) firstPendingAt = now;
    else timers.clearTimeout(pending);
    const left = firstPendingAt + AT_MOST_MS - now;
    pending = timers.setTimeout(run, Math.max(0, Math.min(QUIET_MS, left)));
  });
}
