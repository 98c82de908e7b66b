import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { StartupError } from '../config/startup-error.js';
import { type DatabaseLocation, dialectOf, openDatabase } from './database.js';
import type { Database } from './tables.js';

/** Why the store refused a write, when the reason is the store itself rather than the request. */
export type StorageFailure = 'read_only' | 'full';

const SQLITE_READ_ONLY = /^SQLITE_(READONLY|CANTOPEN)/;
const NODE_READ_ONLY = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

/**
 * Recognises a write that failed because the database cannot take it: a read-only file, folder or
 * mount, or a full disk, on SQLite (its result codes), PostgreSQL (SQLSTATE) or the file system.
 */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return 'full';
  if (SQLITE_READ_ONLY.test(code) || NODE_READ_ONLY.has(code) || code === '25006') return 'read_only';
  return undefined;
}

/** The store named for the operator: the SQLite file's full path, or the PostgreSQL server and database without credentials. */
export function describeLocation(location: DatabaseLocation): string {
  if (dialectOf(location) === 'sqlite') return `the database file ${resolve(location.file)}`;
  try {
    const url = new URL(location.url ?? process.env.DATABASE_URL ?? '');
    return `the PostgreSQL database ${url.pathname.slice(1) || '(default)'} on ${url.host}`;
  } catch {
    return 'the PostgreSQL database of DATABASE_URL';
  }
}

/** The sentence an operator reads when the store cannot take writes. */
export function storageFailureSentence(failure: StorageFailure, where: string): string {
  return failure === 'full'
    ? `The disk holding ${where} is full, so changes cannot be saved. Free some space; nothing was lost.`
    : `${capitalised(where)} is read-only (its file, folder or disk does not allow writing), so changes cannot be saved. Make it writable by the user running the client area.`;
}

/** A failure of opening or migrating the store, as a start-up error naming the store; undefined when it is another failure. */
export function startupErrorOf(error: unknown, location: DatabaseLocation): StartupError | undefined {
  const failure = storageFailureOf(error);
  if (!failure) return undefined;
  const sentence = storageFailureSentence(failure, describeLocation(location));
  return new StartupError(failure === 'full' ? 'database_full' : 'database_read_only', `The client area cannot start: ${lowercased(sentence)}`, {
    cause: error,
  });
}

/** Opens the store, turning a file that cannot be created or written into a start-up error naming it. */
export function openStore(location: DatabaseLocation): Kysely<Database> {
  try {
    return openDatabase(location);
  } catch (error) {
    throw startupErrorOf(error, location) ?? error;
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowercased = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
