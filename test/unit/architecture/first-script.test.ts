/**
 * The renderer's first script holds the frame and the accounts list only (shell/views.ts): the views
 * a cold start does not show are reached through `import()` alone, so the bundler puts them in their
 * own chunks. A static import of one of them anywhere on the way from main.tsx would pull it back in.
 * Nor does it build zod's schemas or hold the three languages not shown (docs/ARCHITECTURE.md §4):
 * those were a third of its bytes and about 100 ms of a cold start. It comes in two parts: main.tsx,
 * which sends the first screen's requests, and mount.tsx (React, the frame, the list), which main.tsx
 * imports with `import()` so the requests leave before it is evaluated, and index.html preloads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputChunk, RolldownOutput } from 'rolldown';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { resolveRelative, root } from './import-graph.js';

const LATER = [
  'src-renderer/account-detail/AccountDetailView.tsx',
  'src-renderer/invitations/InvitationsView.tsx',
  'src-renderer/bulk/BulkView.tsx',
  'src-renderer/connections/ConnectionsView.tsx',
  'src-renderer/settings/SettingsView.tsx',
  'src-renderer/access-review/AccessReviewView.tsx',
  'src-renderer/palette/CommandPalette.tsx',
];

/** Static imports only (type-only ones vanish from the build too): what the first script must carry. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const out: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    if (match[2]) continue;
    out.push(match[3] ?? match[4] ?? '');
  }
  return out;
}

/** The files and the packages (bare specifiers) the entries reach through static imports. */
function reachedStatically(...entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (file.endsWith('.json')) return;
    for (const specifier of staticImportsOf(file)) {
      const next = resolveRelative(file, specifier);
      if (next) visit(next);
      else if (!specifier.startsWith('.')) packages.add(specifier);
    }
  };
  for (const entry of entries) visit(entry);
  return { files, packages };
}

/** The first script's size when this test was written, before zod and three languages left it (vite build). */
const FIRST_SCRIPT_BYTES_BEFORE = 579_671;

describe('the first script', () => {
  const { files: reached, packages } = reachedStatically('src-renderer/main.tsx', 'src-renderer/mount.tsx');
  const { files: beforeRequests, packages: packagesBeforeRequests } = reachedStatically('src-renderer/main.tsx');

  it('carries the frame and the accounts list', () => {
    expect(reached).toContain('src-renderer/shell/Shell.tsx');
    expect(reached).toContain('src-renderer/accounts/AccountsView.tsx');
  });

  it('sends the first requests before React, the languages and the frame are evaluated', () => {
    expect(beforeRequests).toContain('src-renderer/shell/first-screen.ts');
    expect(beforeRequests).not.toContain('src-renderer/mount.tsx');
    expect([...beforeRequests].filter((file) => file.includes('/locales/') || file.includes('/shell/Shell') || file.endsWith('/App.tsx'))).toEqual([]);
    expect([...packagesBeforeRequests].filter((p) => p.startsWith('react'))).toEqual([]);
  });

  it('leaves every other view to its own chunk', () => {
    expect(LATER.filter((file) => reached.has(file))).toEqual([]);
  });

  it('builds no zod schema and holds only English of the four languages', () => {
    expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    expect([...reached].filter((file) => file.includes('/locales/'))).toEqual(['src-renderer/i18n/locales/en.json']);
  });

  it('is, as built, under two thirds of its size before and without zod', { timeout: 120_000 }, async () => {
    // Built as `vite build` builds it: vitest's NODE_ENV=test would give React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let output: RolldownOutput;
    try {
      output = (await build({
        configFile: path.join(root, 'vite.config.ts'),
        logLevel: 'silent',
        build: { write: false, sourcemap: false },
      })) as RolldownOutput;
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const chunks = new Map(output.output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
    const entry = [...chunks.values()].find((c) => c.isEntry)!;
    const mount = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith('/src-renderer/mount.tsx'))!;
    expect(entry.dynamicImports).toContain(mount.fileName);
    // The entry, mount.tsx's chunk (imported at once) and every chunk they import statically are fetched and run before the first frame.
    const first = new Set<OutputChunk>();
    const add = (chunk: OutputChunk) => {
      if (first.has(chunk)) return;
      first.add(chunk);
      for (const name of chunk.imports) add(chunks.get(name)!);
    };
    add(entry);
    const beforeMount = [...first].flatMap((c) => c.moduleIds);
    expect(beforeMount.filter((id) => id.includes('/node_modules/react-dom/') || id.includes('/locales/'))).toEqual([]);
    add(mount);
    // index.html fetches all of it at once, not the mount's part only after the entry ran.
    const html = output.output.find((o) => o.fileName === 'index.html');
    const preloaded = [...(html?.type === 'asset' ? String(html.source) : '').matchAll(/rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(
      [...first]
        .filter((c) => c !== entry && !entry.imports.includes(c.fileName))
        .map((c) => c.fileName)
        .sort(),
    ).toEqual(preloaded.sort());
    const bytes = [...first].reduce((sum, c) => sum + Buffer.byteLength(c.code), 0);
    expect(bytes / FIRST_SCRIPT_BYTES_BEFORE).toBeLessThan(0.67);
    const modules = [...first].flatMap((c) => c.moduleIds);
    expect(modules.filter((id) => id.includes('/node_modules/zod/'))).toEqual([]);
    expect(modules.filter((id) => /\/locales\/(it|fr|pl)\.json/.test(id))).toEqual([]);
  });
});
