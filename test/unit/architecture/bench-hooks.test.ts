/**
 * The benchmarks drive the real app (docs/ARCHITECTURE.md §11): nothing in production code exists
 * for them. A hook the bench fills the list through measures a path no user takes, and ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offenders, root, sourceFiles } from './import-graph.js';

const PRODUCTION = ['src-main', 'src-renderer', 'src-server', 'src-shared'];

/** A store: a file named for one, or one that makes a zustand store. */
function isStore(file: string): boolean {
  return /-store\.tsx?$/.test(file) || /from\s+['"]zustand['"]/.test(readFileSync(path.join(root, file), 'utf8'));
}

describe('benchmark hooks stay out of production code', () => {
  it('no file under src-* imports from bench/', () => {
    expect(sourceFiles('bench').length).toBeGreaterThan(0);
    const intoBench = (specifier: string, file: string) =>
      specifier.startsWith('.') && path.normalize(path.join(path.dirname(file), specifier)).split(path.sep)[0] === 'bench';
    expect(offenders(PRODUCTION, intoBench)).toEqual([]);
  });

  it('the renderer has no bench page', () => {
    expect(existsSync(path.join(root, 'src-renderer/bench'))).toBe(false);
  });

  it('no production store exports a method named setRows', () => {
    const stores = PRODUCTION.flatMap((dir) => sourceFiles(dir)).filter(isStore);
    expect(stores).toContain(path.join('src-renderer', 'accounts', 'accounts-store.ts'));
    const withSetRows = stores.filter((file) => /\bsetRows\s*[?]?\s*[(:]/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(withSetRows).toEqual([]);
  });
});
