/** Which store failures the server names to the operator, and how (docs/ARCHITECTURE.md §5, operations messages). */
import type { FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { describeLocation, startupErrorOf, storageFailureOf } from '../../../src-server/db/storage-errors.js';
import { storageProblem } from '../../../src-server/http/problem.js';

const failing = (code: string) => Object.assign(new Error('driver message'), { code });

describe('store failures', () => {
  it('recognises a read-only store and a full disk on SQLite, PostgreSQL and the file system, and nothing else', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'EACCES', 'EROFS', '25006'])
      expect(storageFailureOf(failing(code)), code).toBe('read_only');
    for (const code of ['SQLITE_FULL', 'ENOSPC', '53100']) expect(storageFailureOf(failing(code)), code).toBe('full');
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', '23505', 'SQLITE_BUSY', 'ECONNREFUSED']) expect(storageFailureOf(failing(code)), code).toBeUndefined();
    expect(storageFailureOf(new Error('no code'))).toBeUndefined();
    expect(storageFailureOf(null)).toBeUndefined();
  });

  it('names a SQLite file by its full path and a PostgreSQL database without its credentials', () => {
    expect(describeLocation({ file: '/srv/clientarea/db.sqlite', url: '' })).toBe('the database file /srv/clientarea/db.sqlite');
    const pg = describeLocation({ file: 'x', url: 'postgres://clientarea:s3cret-pw@db.internal:5432/clientarea' });
    expect(pg).toBe('the PostgreSQL database clientarea on db.internal:5432');
    expect(pg).not.toContain('s3cret');
  });

  it('turns a start-up failure into a start-up error with a code and the file, keeping the cause', () => {
    const cause = failing('SQLITE_FULL');
    const error = startupErrorOf(cause, { file: '/srv/db.sqlite', url: '' });
    expect(error?.code).toBe('database_full');
    expect(error?.message).toBe(
      'The client area cannot start: the disk holding the database file /srv/db.sqlite is full, so changes cannot be saved. Free some space; nothing was lost.',
    );
    expect(error?.cause).toBe(cause);
    expect(startupErrorOf(failing('SQLITE_CORRUPT'), { file: '/srv/db.sqlite', url: '' })).toBeUndefined();
  });

  it('logs a refused write with the store named, and answers without naming it', () => {
    const error = vi.fn();
    const request = { log: { error } } as unknown as FastifyRequest;
    const problem = storageProblem(failing('SQLITE_READONLY'), request, 'the database file /srv/db.sqlite');
    expect(problem).toMatchObject({ status: 503, code: 'storage_unavailable' });
    expect(problem?.detail).not.toContain('/srv');
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[1]).toBe(
      'The database file /srv/db.sqlite is read-only (its file, folder or disk does not allow writing), so changes cannot be saved. Make it writable by the user running the client area.',
    );
  });
});
