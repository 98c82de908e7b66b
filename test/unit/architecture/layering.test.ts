/**
 * The layering rules of docs/ARCHITECTURE.md §1, pinned: only the Electron shell imports `electron` (an Electron
 * binary cannot even be imported on our build machines), the renderer is a pure client of the
 * IPC contract, and shapes come from src-shared rather than from another half's internals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, entry);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry)) out.push(rel);
  }
  return out;
}

/** Every module specifier a file imports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specifiers: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3] ?? '');
  return specifiers;
}

function offenders(dirs: string[], forbidden: (specifier: string, file: string) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      importsOf(file)
        .filter((s) => forbidden(s, file))
        .map((s) => `${file} imports ${s}`),
    ),
  );
}

describe('layering', () => {
  it('finds the source files it checks', () => {
    expect(sourceFiles('src-main').length).toBeGreaterThan(10);
    expect(sourceFiles('src-renderer').length).toBeGreaterThan(10);
    expect(sourceFiles('src-server').length).toBeGreaterThan(10);
  });

  it('only src-main/app imports electron', () => {
    const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
    const bad = offenders(
      ['src-main', 'src-server', 'src-shared', 'src-renderer'],
      (s, file) => isElectron(s) && !file.startsWith(`src-main${path.sep}app${path.sep}`),
    );
    expect(bad).toEqual([]);
  });

  it('the renderer imports neither main-process nor server code, nor Node built-ins', () => {
    const bad = offenders(
      ['src-renderer'],
      (s) => /src-main|src-server/.test(s) || s.startsWith('node:') || ['fs', 'path', 'child_process', 'keytar', 'better-sqlite3', 'axios'].includes(s),
    );
    expect(bad).toEqual([]);
  });

  it('src-shared depends on nothing but zod and itself', () => {
    const bad = offenders(['src-shared'], (s) => !s.startsWith('.') && s !== 'zod');
    expect(bad).toEqual([]);
  });

  it('the provider side does not depend on the desktop side', () => {
    const bad = offenders(['src-server'], (s) => /src-main|src-renderer/.test(s));
    expect(bad).toEqual([]);
  });

  it('generic sync and queue code speaks only the connector interface, never one connector', () => {
    // A connector kind lives in src-main/connectors/<kind>/; sync and queue may reach connectors/*.ts only.
    const bad = offenders(['src-main/sync', 'src-main/queue'], (s) => /(^|\/)connectors\/[^/]+\//.test(s));
    expect(bad).toEqual([]);
  });

  it('src-main reaches the provider side only through the demo provider', () => {
    const bad = offenders(['src-main'], (s, file) => /src-server/.test(s) && !file.startsWith(`src-main${path.sep}demo${path.sep}`));
    expect(bad).toEqual([]);
  });
});
