import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, offenders, resolveRelative, root, sourceFiles } from './import-graph.js';

const RECONCILE = `src-main${path.sep}reconcile${path.sep}`;
const CACHE = path.join('src-main', 'sync', 'account-cache.ts');

/** `file:line` of every line under `dirs` that matches `pattern`, except in the files `allowed` accepts. */
function linesMatching(dirs: string[], pattern: RegExp, allowed: (file: string) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir)
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      ),
  );
}

describe('one owner of reconciling', () => {
  it('the reconciler sits above sync and queue: neither imports it, and it imports no channel handler or connector kind', () => {
    const below = offenders(['src-main/sync', 'src-main/queue'], (s, file) => resolveRelative(file, s)?.startsWith(RECONCILE) ?? false);
    const above = offenders(['src-main/reconcile'], (s, file) =>
      ['ipc', 'app', 'web', 'connectors'].some((dir) => resolveRelative(file, s)?.startsWith(`src-main${path.sep}${dir}${path.sep}`) ?? false),
    );
    expect([...below, ...above]).toEqual([]);
    expect(importCycles(['src-main'])).toEqual([]);
  });

  it('only the reconciler starts a sync or a replay; the handlers go through it', () => {
    // The sync engine and the replayer call themselves (syncAll → syncOne, replayAll → replay); nobody else calls them.
    const own = (file: string) =>
      file.startsWith(RECONCILE) || file === path.join('src-main', 'sync', 'sync-engine.ts') || file === path.join('src-main', 'queue', 'replayer.ts');
    expect(linesMatching(['src-main'], /\.(syncOne|syncAll|replay|replayAll)\(/, own)).toEqual([]);
  });

  it('the account cache changes only through its update path, which waits for a running sync itself', () => {
    const writes = linesMatching(['src-main'], /\bcache\.(write|remove)\(|\.whenIdle\(/, (file) => file === CACHE);
    // Removing a connection's cache is the one other change: it forgets the connection.
    expect(writes).toEqual([expect.stringMatching(/^src-main[\\/]core\.ts:\d+: await cache\.remove\(id\);$/)]);
    expect(readFileSync(path.join(root, CACHE), 'utf8')).not.toMatch(/^\s{2}write\(/m);
  });
});
