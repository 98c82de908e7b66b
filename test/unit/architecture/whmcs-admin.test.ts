/**
 * The `whmcs-admin` connector's place in the tree (docs/ARCHITECTURE.md §7, "WHMCS admin API"):
 * it shares with the client-area kind only the files at the top of `connectors/whmcs/` (the
 * permission table), and its stand-in is built from WHMCS's public facts alone, never from the
 * connector it tests, so the two cannot agree on a mistake.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, offenders, resolveRelative, sourceFiles } from './import-graph.js';

const WHMCS = path.join('src-main', 'connectors', 'whmcs');
const ADMIN = path.join(WHMCS, 'admin');
const STAND_IN = path.join('test', 'whmcs-stand-in', 'admin');

describe('whmcs-admin connector', () => {
  it('finds the connector and its stand-in', () => {
    expect(sourceFiles(ADMIN)).toContain(path.join(ADMIN, 'whmcs-admin-connector.ts'));
    expect(sourceFiles(STAND_IN)).toContain(path.join(STAND_IN, 'server.ts'));
  });

  it('reaches the other WHMCS kind only through the shared files at the top of connectors/whmcs', () => {
    const bad = offenders([ADMIN], (s, file) => {
      const target = resolveRelative(file, s);
      if (!target?.startsWith(`${WHMCS}${path.sep}`)) return false;
      const rest = target.slice(WHMCS.length + 1).split(path.sep);
      return rest.length > 1 && rest[0] !== 'admin';
    });
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles([WHMCS])).toEqual([]);
  });

  it('the stand-in imports nothing from the app, and the app nothing from the stand-in', () => {
    const appSide = (target: string | undefined) => target !== undefined && /^src-(main|shared|renderer|server)\b/.test(target);
    expect(offenders([STAND_IN], (s, file) => appSide(resolveRelative(file, s)))).toEqual([]);
    expect(offenders(['src-main', 'src-shared'], (s, file) => (resolveRelative(file, s) ?? '').startsWith(path.join('test', '')))).toEqual([]);
  });
});
