/**
 * Where secrets may go is decided in one place: the vault's backends are built by the two
 * choosers (the shell's `app/vault-selection.ts`, web mode's `vault/session-vault.ts`), keytar is
 * loaded by one file, and the vault knows nothing of the connections that use it.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, offenders, resolveRelative } from './import-graph.js';

const SOURCE = ['src-main', 'src-renderer', 'src-shared', 'src-server'];
const BACKENDS = new Set(['src-main/vault/keytar-vault.ts', 'src-main/vault/encrypted-file-vault.ts', 'src-main/vault/memory-vault.ts']);

describe('the vault', () => {
  it('is the only place keytar is loaded', () => {
    expect(offenders(SOURCE, (s, file) => s === 'keytar' && file !== 'src-main/vault/keytar-vault.ts')).toEqual([]);
  });

  it('has its backends built only by the vault itself and the shell’s vault selection', () => {
    const outside = (file: string) => !file.startsWith('src-main/vault/') && file !== 'src-main/app/vault-selection.ts';
    expect(offenders(SOURCE, (s, file) => outside(file) && BACKENDS.has(resolveRelative(file, s) ?? ''))).toEqual([]);
  });

  it('depends on nothing but itself, errors, storage and the shared contracts', () => {
    const allowed = (target: string) =>
      target.startsWith('src-main/vault/') || target === 'src-main/errors.ts' || target.startsWith('src-main/storage/') || target.startsWith('src-shared/');
    expect(
      offenders(['src-main/vault'], (s, file) => {
        const target = resolveRelative(file, s);
        return target !== undefined && !allowed(target);
      }),
    ).toEqual([]);
    expect(importCycles(['src-main/vault'])).toEqual([]);
  });
});
