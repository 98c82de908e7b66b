import fs from 'node:fs';

/** `queue.sqlite.corrupt-2026-12-03T11-50-00-000Z`: sorts by time and names no characters a file system refuses. */
export function asideName(file: string, now: Date): string {
  return `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Moves a data file the app cannot read out of the way, kept whole for inspection or recovery,
 * with its SQLite companions (`-wal`, `-shm`) beside it, so the app can start with a fresh one
 * instead of not at all. Returns where the file went.
 */
export function moveAside(file: string, now: Date = new Date()): string {
  const aside = asideName(file, now);
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
