import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { moveAside } from '../storage/corrupt-file.js';
import { QueueStore } from './queue-store.js';

/** SQLite's own words for "this is not (any more) a database it can read". */
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens the offline queue; a file SQLite cannot read (torn by a disk fault, overwritten) is moved
 * aside (`queue.sqlite.corrupt-<time>`, with its -wal and -shm) and a fresh queue opened, so the
 * app starts. What else went wrong (a newer Clientdeck's file, a full disk) still stops the
 * start, with its own sentence: moving such a file would lose answers for nothing.
 */
export function openQueueFile(file: string, clock: () => Date, logger: Logger): { queue: QueueStore; movedAside: string | null } {
  try {
    return { queue: new QueueStore(file, clock), movedAside: null };
  } catch (error) {
    if (!(error instanceof Database.SqliteError) || !DAMAGED.has(error.code)) throw error;
    const aside = moveAside(file, clock());
    logger.error({ err: error, aside }, 'offline queue unreadable; moved aside');
    return { queue: new QueueStore(file, clock), movedAside: aside };
  }
}
