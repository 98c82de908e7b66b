import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_WINDOW_MAX } from '../../../src-shared/ipc/account-order.js';
import type { ListedAccount } from '../../../src-shared/ipc/channels/accounts.js';
import { indexAccounts } from '../../../src-renderer/accounts/account-filter.js';
import { followWhenQuiet, type AccountListWindows } from '../../../src-main/ipc/handlers/accounts-list-windows.js';
import { firstPlaces, ListOrder } from '../../../src-main/ipc/handlers/accounts-list-order.js';
import { listWorld } from './fixtures/account-list-world.js';

const key = (r: Pick<ListedAccount, 'connectionId' | 'id'>) => `${r.connectionId}/${r.id}`;
/** The order of rows as one string: comparing 50,000-element arrays deeply is slow on a busy machine. */
const order = (rows: readonly ListedAccount[]) => rows.map(key).join(' ');
// 50,000 rows sorted a few times over; on a busy machine that alone can take seconds.
const SLOW = { timeout: 60_000 };

/** Every window of one version, as a starting renderer asks for them. */
function copyAll(windows: AccountListWindows, between?: (windowsSeen: number) => void) {
  const first = windows.window({ version: null, offset: 0, limit: 200 });
  const rows = [...first.rows];
  let replies = 1;
  while (rows.length < first.total) {
    between?.(replies);
    const next = windows.window({ version: first.version, offset: rows.length, limit: ACCOUNT_WINDOW_MAX });
    expect(next.version).toBe(first.version);
    rows.push(...next.rows);
    replies++;
  }
  return { version: first.version, total: first.total, rows, replies };
}

describe('AccountListWindows', () => {
  it('hands out the list in the order the renderer sorts it, each row exactly once over the windows', SLOW, () => {
    const { log, windows } = listWorld(10, 5000);
    const copy = copyAll(windows);
    expect(copy.total).toBe(50_000);
    expect(copy.rows).toHaveLength(50_000);
    expect(new Set(copy.rows.map(key)).size).toBe(50_000);
    // 200 rows first, then windows of 5,000: 11 replies for 50,000 rows, not one of 50,000.
    expect(copy.replies).toBe(1 + Math.ceil((50_000 - 200) / ACCOUNT_WINDOW_MAX));
    // Sorting the rows main sent gives them back as they came: the renderer only appends.
    expect(order(indexAccounts(copy.rows).rows)).toBe(order(copy.rows));
    expect(order(indexAccounts(log.list()).rows)).toBe(order(copy.rows));
  });

  it('keeps answering from the version a copy started with while the list changes, and the change follows as changes', SLOW, () => {
    const { log, windows, rename } = listWorld(10, 5000);
    const before = order(indexAccounts(log.list()).rows);
    let version = 0;
    const copy = copyAll(windows, (seen) => {
      if (seen !== 3) return;
      rename('c4', 100, 'AAA');
      version = windows.follow().version;
    });
    expect(order(copy.rows)).toBe(before);
    expect(copy.rows.some((r) => r.name.startsWith('AAA'))).toBe(false);
    expect(version).toBeGreaterThan(copy.version);
    const changes = log.changesSince(copy.version);
    if (changes.reset) throw new Error('expected the change since the copy');
    expect(changes.upserted).toHaveLength(100);
    expect(changes.upserted.every((r) => r.connectionId === 'c4' && r.name.startsWith('AAA'))).toBe(true);
  });

  it('merges a change into the order it holds, giving the order a fresh sort gives', SLOW, () => {
    const { connections, cached, log, windows, rename } = listWorld(10, 5000);
    windows.follow();
    rename('c2', 300, 'Zeta');
    rename('c7', 40, 'Aa');
    cached.set('c5', cached.get('c5')!.slice(100));
    connections.splice(9, 1);
    const merged = windows.window({ version: null, offset: 0, limit: ACCOUNT_WINDOW_MAX });
    expect(merged.total).toBe(45_000 - 100);
    expect(order(copyAll(windows).rows)).toBe(order(indexAccounts(log.list()).rows));
  });

  it('starts a copy again from the newest version when the one asked for is long gone', SLOW, () => {
    const { windows, rename } = listWorld(2, 3000);
    const first = windows.window({ version: null, offset: 0, limit: 200 });
    for (let i = 0; i < 6; i++) {
      rename('c1', 10, `R${i}`);
      windows.follow();
    }
    const later = windows.window({ version: first.version, offset: 200, limit: 200 });
    expect(later.version).toBeGreaterThan(first.version);
  });
});

describe('the first window of a list not yet ordered', () => {
  afterEach(() => vi.restoreAllMocks());

  /**
   * Main's snapshot with each row's reads counted (of its name; of its provider's label, read only
   * to work out its place), and the lengths of the arrays sorted.
   */
  function counted(world: ReturnType<typeof listWorld>) {
    const reads = new Map<object, number>();
    const places = new Map<object, number>();
    const snapshot = world.log.snapshot.bind(world.log);
    world.log.snapshot = () => {
      const taken = snapshot();
      const rows = taken.rows.map(
        (row) =>
          new Proxy(row, {
            get(target, property, receiver) {
              if (property === 'name') reads.set(target, (reads.get(target) ?? 0) + 1);
              if (property === 'providerLabel') places.set(target, (places.get(target) ?? 0) + 1);
              return Reflect.get(target, property, receiver) as unknown;
            },
          }),
      );
      return { ...taken, rows };
    };
    const sorted: number[] = [];
    const sort = Array.prototype.sort;
    vi.spyOn(Array.prototype, 'sort').mockImplementation(function (this: unknown[], compare) {
      sorted.push(this.length);
      return sort.call(this, compare);
    });
    return { reads, places, sorted };
  }

  it(
    'works out the places of the rows that can come first only, and sorts only the rows it answers with; the next window sorts the rest, in the same order',
    SLOW,
    () => {
      const world = listWorld(10, 5000);
      const { reads, places, sorted } = counted(world);
      const first = world.windows.window({ version: null, offset: 0, limit: 200 });
      expect(first.total).toBe(50_000);
      // Places only for the names starting with "a" or "ä" (alpen, Ärzte: a third), not all 50,000.
      expect(places.size).toBeLessThan(50_000 / 2);
      // No other row is read: the log kept each row's first letter when it built the rows. Each of
      // those names is read once, to work its place out.
      expect([...reads.keys()].filter((row) => !places.has(row))).toEqual([]);
      expect(Math.max(...reads.values())).toBe(1);
      // No sort of the 50,000 rows before the first reply: only the 200 picked out are put in order.
      expect(sorted).toEqual([200]);

      const next = world.windows.window({ version: first.version, offset: 200, limit: ACCOUNT_WINDOW_MAX });
      expect(sorted).toEqual([200, 50_000]);
      // The whole order kept the places already worked out: each row's place worked out once.
      expect(places.size).toBe(50_000);
      expect([...places.values()].every((n) => n === 1)).toBe(true);
      const fresh = indexAccounts(world.log.list()).rows;
      expect(order([...first.rows, ...next.rows])).toBe(order(fresh.slice(0, 200 + ACCOUNT_WINDOW_MAX)));
    },
  );

  it('gives the first rows of the whole order whatever the names start with: digits, accents, case, signs, nothing', () => {
    const starts = ['', '2', '10', 'Été', 'été', 'Ärzte', 'a', 'B', 'b', '_', ' ', '!', 'Z', 'ø', '\u{1F600}', 'A\u0301'];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      ...listWorld(1, 1).log.list()[0]!,
      id: `acc_${i}`,
      name: `${starts[random(starts.length)]}${random(3) === 0 ? '' : ` Studio ${random(40)}`}`,
      providerLabel: random(2) === 0 ? 'Été' : 'Provider',
    }));
    const whole = ListOrder.of({ version: 1, rows }).whole().rows;
    // Every few rows, so each boundary between first letters falls inside some first window.
    for (let count = 1; count <= 1000; count += 7) expect(order(ListOrder.of({ version: 1, rows }).window(0, count).rows)).toBe(order(whole.slice(0, count)));
  });

  it('picks the rows a full sort puts first, equal places in list order', () => {
    const places = Array.from({ length: 3000 }, (_, i) => `k${(i * 7919) % 97}`);
    const full = places.map((_, i) => i).sort((a, b) => (places[a]! < places[b]! ? -1 : places[a]! > places[b]! ? 1 : a - b));
    const byIndex = new Map(places.map((place, i) => [i, place]));
    for (const count of [0, 1, 31, 200, 2999, 3000, 4000]) expect(firstPlaces(byIndex, count)).toEqual(full.slice(0, count));
  });
});

describe('catching up in the background', () => {
  it('works out no first order (the whole list built and sorted) before a renderer asks for a window, then merges', SLOW, () => {
    const world = listWorld(4, 1000);
    let snapshots = 0;
    const snapshot = world.log.snapshot.bind(world.log);
    world.log.snapshot = () => (snapshots++, snapshot());
    world.windows.catchUp();
    expect(snapshots).toBe(0);
    const first = world.windows.window({ version: null, offset: 0, limit: 200 });
    expect(snapshots).toBe(1);
    world.rename('c1', 10, 'AAA');
    world.windows.catchUp();
    // The change was merged in without a second whole copy of the list.
    expect(snapshots).toBe(1);
    const after = world.windows.window({ version: null, offset: 0, limit: 200 });
    expect(after.version).toBeGreaterThan(first.version);
    expect(after.rows[0]!.name.startsWith('AAA')).toBe(true);
  });
});

describe('followWhenQuiet', () => {
  /** A clock the test moves by hand, with the timers that run on it. */
  function fakeTime() {
    let now = 0;
    const timers = new Map<number, { at: number; fn: () => void }>();
    let next = 1;
    return {
      timers: {
        setTimeout: (fn: () => void, ms: number) => (timers.set(next, { at: now + ms, fn }), next++),
        clearTimeout: (handle: unknown) => void timers.delete(handle as number),
        now: () => now,
      },
      advance(ms: number) {
        const until = now + ms;
        for (;;) {
          const due = [...timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
          if (!due) break;
          timers.delete(due[0]);
          now = due[1].at;
          due[1].fn();
        }
        now = until;
      },
    };
  }

  function setUp() {
    const listeners: Array<(event: string, payload: unknown) => void> = [];
    const events = { on: (l: (event: string, payload: unknown) => void) => (listeners.push(l), () => undefined) };
    const time = fakeTime();
    let follows = 0;
    followWhenQuiet(events, { catchUp: () => void follows++ }, time.timers);
    const announce = (lists: string[]) => listeners.forEach((l) => l('data.changed', { lists }));
    return { time, announce, follows: () => follows };
  }

  it('follows once after a burst of changes (a sync of 20 connections), not once per change', () => {
    const { time, announce, follows } = setUp();
    for (let i = 0; i < 20; i++) {
      announce(['accounts']);
      time.advance(65);
    }
    expect(follows()).toBe(0);
    time.advance(1_000);
    expect(follows()).toBe(1);
    // Changes of other lists never cost a sort.
    announce(['invitations', 'queue']);
    time.advance(1_000);
    expect(follows()).toBe(1);
  });

  it('still follows now and then while the list never goes quiet', () => {
    const { time, announce, follows } = setUp();
    for (let i = 0; i < 200; i++) {
      announce(['accounts']);
      time.advance(100);
    }
    // 20 s of a change every 100 ms: about one follow every 5 s, never one per change.
    expect(follows()).toBeGreaterThanOrEqual(3);
    expect(follows()).toBeLessThanOrEqual(5);
  });
});
