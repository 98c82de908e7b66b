/**
 * The renderer's first script holds the frame and the accounts list only (shell/views.ts): the views
 * a cold start does not show are reached through `import()` alone, so the bundler puts them in their
 * own chunks. A static import of one of them anywhere on the way from main.tsx would pull it back in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

function reachedStatically(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImportsOf(file)) {
      const next = resolveRelative(file, specifier);
      if (next) visit(next);
    }
  };
  visit(entry);
  return seen;
}

describe('the first script', () => {
  const reached = reachedStatically('src-renderer/main.tsx');

  it('carries the frame and the accounts list', () => {
    expect(reached).toContain('src-renderer/shell/Shell.tsx');
    expect(reached).toContain('src-renderer/accounts/AccountsView.tsx');
  });

  it('leaves every other view to its own chunk', () => {
    expect(LATER.filter((file) => reached.has(file))).toEqual([]);
  });
});
