/**
 * The OpenAPI document lists the response headers a route declares (`responseHeaders`,
 * `http/openapi.ts`), which the zod transform alone dropped: the accounts list's quiet tag
 * (`QuietTagHeaders`) is described on its 200 answer, with each header's schema and sentence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuietTagHeaders } from '../../../src-shared/api/accounts.js';
import { buildApp } from '../../../src-server/app.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';

describe('the OpenAPI document', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientarea-openapi-'));
  const db = openDatabase({ file: join(dir, 'db.sqlite'), url: '' });
  let app: FastifyInstance;

  beforeAll(async () => {
    await migrateToLatest(db);
    ({ app } = await buildApp({ db, clock: () => new Date('2026-03-03T09:00:00.000Z'), adminKey: 'k' }, { logLevel: 'silent' }));
  });
  afterAll(async () => {
    await app?.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const documentOf = async () => (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();

  it('describes the accounts list’s quiet-tag headers on its 200 answer', async () => {
    const answer = (await documentOf()).paths['/api/v1/accounts'].get.responses['200'];
    expect(Object.keys(answer.headers)).toEqual(Object.keys(QuietTagHeaders.shape));
    for (const [name, schema] of Object.entries(QuietTagHeaders.shape)) {
      expect(answer.headers[name].description).toBe(schema.description);
      expect(answer.headers[name].schema.type).toBe('string');
    }
    expect(answer.headers['quiet-since'].schema.format).toBe('date-time');
    expect(answer.headers['quiet-etag'].schema.minLength).toBe(1);
    // The body is still the page, and no other answer gained headers.
    expect(answer.content['application/json'].schema.$ref).toBe('#/components/schemas/AccountPage');
    expect((await documentOf()).paths['/api/v1/accounts/{id}'].get.responses['200'].headers).toBeUndefined();
  });

  it('keeps the declaration out of the operation itself', async () => {
    const operation = (await documentOf()).paths['/api/v1/accounts'].get;
    expect(operation.responseHeaders).toBeUndefined();
    expect(operation.summary).toMatch(/^Accounts the caller can reach/);
  });
});
