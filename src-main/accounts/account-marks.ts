import type Conf from 'conf';
import type { Logger } from 'pino';
import { z } from 'zod';
import { openConf } from '../storage/conf-file.js';

/** What Clientdeck itself remembers about an account (the provider knows nothing of it). */
export interface AccountMark {
  favourite: boolean;
  lastOpenedAt: string | null;
}

const NO_MARK: AccountMark = Object.freeze({ favourite: false, lastOpenedAt: null });

const StoredMarks = z.record(z.string(), z.record(z.string(), z.object({ favourite: z.boolean().optional(), lastOpenedAt: z.string().optional() })));
type StoredMarks = z.infer<typeof StoredMarks>;

interface MarksFile extends Record<string, unknown> {
  version: 1;
  /** connectionId → accountId → mark; only marked accounts are stored. */
  marks: unknown;
}

/** Favourites and last-opened times per (connection, account), in `<dataDir>/account-marks.json`. */
export class AccountMarks {
  readonly #conf: Conf<MarksFile>;
  #memory: StoredMarks;
  /** Goes up with every change, so a list built from the marks knows when to build again. */
  version = 0;

  constructor(dataDir: string, logger: Logger, onMovedAside?: (aside: string) => void) {
    this.#conf = openConf<MarksFile>(dataDir, 'account-marks', { version: 1, marks: {} }, logger, onMovedAside);
    const parsed = StoredMarks.safeParse(this.#conf.get('marks'));
    this.#memory = parsed.success ? parsed.data : {};
  }

  of(connectionId: string, accountId: string): AccountMark {
    const stored = this.#memory[connectionId]?.[accountId];
    return stored ? { favourite: stored.favourite ?? false, lastOpenedAt: stored.lastOpenedAt ?? null } : NO_MARK;
  }

  /** All marks of one connection, for listing many accounts at once. */
  forConnection(connectionId: string): (accountId: string) => AccountMark {
    const marks = this.#memory[connectionId] ?? {};
    return (accountId) => {
      const stored = marks[accountId];
      return stored ? { favourite: stored.favourite ?? false, lastOpenedAt: stored.lastOpenedAt ?? null } : NO_MARK;
    };
  }

  setFavourite(connectionId: string, accountId: string, favourite: boolean): void {
    this.#change(connectionId, accountId, (m) => (favourite ? { ...m, favourite: true } : withoutKey(m, 'favourite')));
  }

  recordOpened(connectionId: string, accountId: string, at: Date): void {
    this.#change(connectionId, accountId, (m) => ({ ...m, lastOpenedAt: at.toISOString() }));
  }

  forgetConnection(connectionId: string): void {
    if (!(connectionId in this.#memory)) return;
    const { [connectionId]: _gone, ...rest } = this.#memory;
    this.#save(rest);
  }

  #change(connectionId: string, accountId: string, edit: (mark: StoredMarks[string][string]) => StoredMarks[string][string]): void {
    const forConnection = { ...(this.#memory[connectionId] ?? {}) };
    const next = edit(forConnection[accountId] ?? {});
    if (Object.keys(next).length === 0) delete forConnection[accountId];
    else forConnection[accountId] = next;
    const all = { ...this.#memory, [connectionId]: forConnection };
    if (Object.keys(forConnection).length === 0) delete all[connectionId];
    this.#save(all);
  }

  #save(marks: StoredMarks): void {
    this.#conf.set('marks', marks);
    this.#memory = marks;
    this.version++;
  }
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
