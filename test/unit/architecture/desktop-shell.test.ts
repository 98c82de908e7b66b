/**
 * The desktop shell's own rules (docs/ARCHITECTURE.md §6): Electron and electron-updater are
 * imported in src-main/app only; nothing else in the main process reaches into the shell; the
 * shell has no cycle; and the recording stand-in stays a test's business.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, offenders, resolveRelative, root, sourceFiles } from './import-graph.js';

const isElectronish = (s: string) => s === 'electron' || s.startsWith('electron/') || s === 'electron-updater';

describe('the desktop shell', () => {
  it('is the only code importing electron or electron-updater', () => {
    expect(offenders(['src-main', 'src-shared', 'src-renderer', 'src-server'], (s, file) => isElectronish(s) && !file.startsWith('src-main/app/'))).toEqual([]);
  });

  it('is not imported by the rest of the main process (the core runs in web mode too)', () => {
    expect(offenders(['src-main'], (s, file) => !file.startsWith('src-main/app/') && (resolveRelative(file, s) ?? '').startsWith('src-main/app/'))).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(['src-main/app'])).toEqual([]);
  });

  it('keeps its files small enough to read at once', () => {
    const long = sourceFiles('src-main/app').filter((file) => readFileSync(path.join(root, file), 'utf8').split('\n').length > 300);
    expect(long).toEqual([]);
  });

  it('leaves the recording stand-in to tests: no source imports it, and it imports no Electron', () => {
    const isStandIn = (s: string) => s.includes('electron-stand-in');
    expect(offenders(['src-main', 'src-shared', 'src-renderer', 'src-server'], isStandIn)).toEqual([]);
    expect(offenders(['test/electron-stand-in'], isElectronish)).toEqual([]);
  });
});
