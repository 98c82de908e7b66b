/**
 * The layers of the reference client area (docs/ARCHITECTURE.md §5), pinned: the rules in
 * `domain/` know nothing of HTTP, pages or how mail travels; the query layer knows nothing above
 * it; the API's prefix and its sign-in check each live in one place, not in every route.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, offenders, resolveRelative, root, sourceFiles } from './import-graph.js';

const SERVER = 'src-server';
const under = (folder: string) => path.join(SERVER, folder) + path.sep;
const ROUTES = path.join(SERVER, 'http', 'routes');
const routeFiles = () => sourceFiles(ROUTES);
const text = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Whether `specifier`, imported by `file`, names a file in one of `folders` of src-server. */
function reaches(file: string, specifier: string, folders: string[]): boolean {
  const target = resolveRelative(file, specifier);
  return target !== undefined && folders.some((folder) => target.startsWith(under(folder)));
}

describe('server layers', () => {
  it('finds the files it checks', () => {
    expect(sourceFiles(path.join(SERVER, 'domain')).length).toBeGreaterThan(10);
    expect(routeFiles().length).toBeGreaterThan(10);
  });

  it('has no import cycle', () => {
    expect(importCycles([SERVER])).toEqual([]);
  });

  it('domain/ imports no HTTP, panel or mail transport code, nor Fastify', () => {
    const bad = offenders([path.join(SERVER, 'domain')], (s, file) => reaches(file, s, ['http', 'panel', 'mail']) || /^(@fastify\/|fastify)/.test(s));
    expect(bad).toEqual([]);
  });

  it('mail/ delivers for the domain and imports no HTTP or panel code; the API imports no panel code', () => {
    const bad = [
      ...offenders([path.join(SERVER, 'mail')], (s, file) => reaches(file, s, ['http', 'panel'])),
      ...offenders([path.join(SERVER, 'http')], (s, file) => reaches(file, s, ['panel'])),
    ];
    expect(bad).toEqual([]);
  });

  it('db/ imports nothing above it (domain, http, panel, mail)', () => {
    const bad = offenders([path.join(SERVER, 'db')], (s, file) => reaches(file, s, ['domain', 'http', 'panel', 'mail']));
    expect(bad).toEqual([]);
  });

  it('routes leave /api/v1 to the prefix they are registered under', () => {
    const bad = routeFiles().filter((file) => /['"`]\/api\/v1/.test(text(file)));
    expect(bad).toEqual([]);
  });

  it('handlers do not authenticate: the signed-in scopes hook does', () => {
    const server = sourceFiles(SERVER);
    expect(server.filter((file) => text(file).includes('requireCaller'))).toEqual([]);
    expect(routeFiles().filter((file) => /\bauthenticate\(/.test(text(file)))).toEqual([]);
    // A route that reads the caller is in a scope that sets it.
    const unguarded = routeFiles().filter((file) => text(file).includes('request.caller') && !text(file).includes('requireSignIn('));
    expect(unguarded).toEqual([]);
  });

  it('a route file is named after the domain file it calls (admin.ts is the provider administration scope)', () => {
    const unmatched = routeFiles()
      .filter((file) => path.basename(file) !== 'admin.ts')
      .filter((file) => !importsOf(file).some((s) => resolveRelative(file, s) === path.join(SERVER, 'domain', path.basename(file))));
    expect(unmatched).toEqual([]);
  });
});
