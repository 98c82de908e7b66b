/**
 * The `whmcs` client-area connector's shape (docs/ARCHITECTURE.md §7, WHMCS): it stands apart from
 * the admin connector beside it, and HTML is read only by its page readers, so a theme change
 * touches those files alone.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, offenders, resolveRelative, sourceFiles } from './import-graph.js';

const WHMCS = path.join('src-main', 'connectors', 'whmcs');
const CLIENT_AREA = path.join(WHMCS, 'client-area');
const ADMIN = path.join(WHMCS, 'admin');
const PAGE_READERS = ['browser.ts', 'pages.ts', 'team-pages.ts'].map((file) => path.join(CLIENT_AREA, file));

describe('whmcs client-area connector', () => {
  it('exists', () => {
    expect(sourceFiles(CLIENT_AREA)).toContain(path.join(CLIENT_AREA, 'whmcs-connector.ts'));
  });

  it('imports nothing of the admin connector, and the admin connector nothing of it', () => {
    const into = (target: string) => (s: string, file: string) => (resolveRelative(file, s) ?? '').startsWith(`${target}${path.sep}`);
    expect(offenders([CLIENT_AREA], into(ADMIN))).toEqual([]);
    expect(offenders([ADMIN], into(CLIENT_AREA))).toEqual([]);
  });

  it('reads HTML only in its page readers', () => {
    const bad = offenders([CLIENT_AREA], (s, file) => (s === 'cheerio' || s.startsWith('cheerio/') || s === 'domhandler') && !PAGE_READERS.includes(file));
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles([CLIENT_AREA])).toEqual([]);
  });

  it('never reaches into the tests or the stand-in', () => {
    expect(offenders([CLIENT_AREA], (s, file) => (resolveRelative(file, s) ?? '').startsWith(`test${path.sep}`))).toEqual([]);
  });
});
