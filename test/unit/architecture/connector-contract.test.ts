/**
 * The connector contract of docs/ARCHITECTURE.md §7, pinned: the interface and every connector kind
 * speak the API's types (`src-shared/api`), never the renderer's IPC contract, so a connector can be
 * written, and tested, without knowing the UI; and a kind is reached only through the registry.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offenders, resolveRelative, sourceFiles } from './import-graph.js';

const CONNECTORS = path.join('src-main', 'connectors');
const REGISTRY = path.join(CONNECTORS, 'connector-registry.ts');

/** The connector kind a file belongs to or imports (`clientarea` for src-main/connectors/clientarea/...), if any. */
function kindOf(file: string | undefined): string | undefined {
  if (!file?.startsWith(`${CONNECTORS}${path.sep}`)) return undefined;
  const rest = file.slice(CONNECTORS.length + 1).split(path.sep);
  return rest.length > 1 ? rest[0] : undefined;
}

describe('connector contract', () => {
  it('finds the interface and at least one connector kind', () => {
    const files = sourceFiles(CONNECTORS);
    expect(files).toContain(path.join(CONNECTORS, 'connector.ts'));
    expect(files.some((file) => kindOf(file) !== undefined)).toBe(true);
  });

  it('the connector interface and the connector kinds import nothing from src-shared/ipc', () => {
    const bad = offenders([CONNECTORS], (s, file) => (resolveRelative(file, s) ?? s).startsWith(path.join('src-shared', 'ipc')) || /src-shared\/ipc\//.test(s));
    expect(bad).toEqual([]);
  });

  it('only the registry reaches a connector kind; the rest of src-main speaks the interface', () => {
    const bad = offenders(['src-main'], (s, file) => {
      const target = kindOf(resolveRelative(file, s));
      return target !== undefined && target !== kindOf(file) && file !== REGISTRY;
    });
    expect(bad).toEqual([]);
  });
});
