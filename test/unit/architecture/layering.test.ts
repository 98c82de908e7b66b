/**
 * The layering rules of docs/ARCHITECTURE.md §1, pinned: only the Electron shell imports `electron` (an Electron
 * binary cannot even be imported on our build machines), the renderer is a pure client of the
 * IPC contract, and shapes come from src-shared rather than from another half's internals.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offenders, sourceFiles } from './import-graph.js';

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
