/**
 * The renderer's layers of docs/ARCHITECTURE.md §4, pinned: the kit and the plumbing at the bottom,
 * the views on them, the palette over the views, the frame (shell/) over everything it lays out, and
 * App on top. An import may run sideways or down, never up, and never in a circle.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, offenders, resolveRelative, sourceFiles } from './import-graph.js';

const RENDERER = 'src-renderer';

/** Each folder of src-renderer (top-level files count as `app`), by layer, lowest first. */
const LAYERS: Record<string, number> = {
  bridge: 0,
  i18n: 0,
  navigation: 0,
  styles: 0,
  kit: 1,
  accounts: 2,
  'account-detail': 2,
  bulk: 2,
  'access-review': 2,
  connections: 2,
  invitations: 2,
  queue: 2,
  settings: 2,
  palette: 3,
  shell: 4,
  app: 5,
  // The benchmark page drives the accounts view from outside it, as App does.
  bench: 5,
};
const VIEWS = Object.keys(LAYERS).filter((folder) => LAYERS[folder] === 2);

/** The src-renderer folder a repository-relative file lives in, or undefined outside the renderer. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(RENDERER, file).split(path.sep);
  if (parts[0] === '..' || path.isAbsolute(parts[0] ?? '')) return undefined;
  return parts.length === 1 ? 'app' : parts[0];
}

/** The renderer folder a relative import of `file` lands in (undefined for a package or src-shared). */
function targetFolder(file: string, specifier: string): string | undefined {
  const target = resolveRelative(file, specifier);
  return target === undefined ? undefined : folderOf(target);
}

const importsInto = (dirs: string[], folders: string[]) =>
  offenders(dirs, (specifier, file) => {
    const to = targetFolder(file, specifier);
    return to !== undefined && folders.includes(to);
  });

describe('renderer layers', () => {
  it('finds the kit and the views it checks', () => {
    expect(sourceFiles(`${RENDERER}/kit`).length).toBeGreaterThan(5);
    for (const view of VIEWS) expect(sourceFiles(`${RENDERER}/${view}`).length).toBeGreaterThan(0);
  });

  it('has no import cycle', () => {
    expect(importCycles([RENDERER])).toEqual([]);
  });

  it('the kit imports no view, nor the palette, the frame or App', () => {
    expect(importsInto([`${RENDERER}/kit`], [...VIEWS, 'palette', 'shell', 'app'])).toEqual([]);
  });

  it('views import neither the frame nor the palette', () => {
    expect(
      importsInto(
        VIEWS.map((view) => `${RENDERER}/${view}`),
        ['palette', 'shell', 'app'],
      ),
    ).toEqual([]);
  });

  it('the palette reaches the views only through palette-sources.ts, and the frame does not import App', () => {
    const intoViews = importsInto([`${RENDERER}/palette`], VIEWS).filter(
      (line) => !line.startsWith(path.join(RENDERER, 'palette', 'palette-sources.ts')) && /-store\.js$/.test(line),
    );
    expect(intoViews).toEqual([]);
    expect(importsInto([`${RENDERER}/palette`], ['shell', 'app'])).toEqual([]);
    expect(importsInto([`${RENDERER}/shell`], ['app'])).toEqual([]);
  });

  it('every folder has a layer, and every import runs sideways or down', () => {
    const files = sourceFiles(RENDERER);
    const unplaced = [...new Set(files.map((file) => folderOf(file)!))].filter((folder) => LAYERS[folder] === undefined);
    expect(unplaced).toEqual([]);
    const upward = files.flatMap((file) => {
      const from = LAYERS[folderOf(file)!]!;
      return importsOf(file)
        .filter((specifier) => {
          const to = targetFolder(file, specifier);
          return to !== undefined && (LAYERS[to] ?? Infinity) > from;
        })
        .map((specifier) => `${file} imports ${specifier}`);
    });
    expect(upward).toEqual([]);
  });
});
