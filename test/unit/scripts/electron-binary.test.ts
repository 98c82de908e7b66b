import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectronBinary, missingElectronMessage } from '../../../scripts/electron-binary.mjs';

function electronPackage(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientdeck-electron-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('checkElectronBinary', () => {
  it('reports path.txt missing when the download never ran', () => {
    const dir = electronPackage({ 'index.js': '' });
    expect(checkElectronBinary(dir, {})).toEqual({ ok: false, missing: path.join(dir, 'path.txt') });
  });

  it('reports the binary missing when path.txt names one that is not in dist/', () => {
    const dir = electronPackage({ 'path.txt': 'electron' });
    expect(checkElectronBinary(dir, {})).toEqual({ ok: false, missing: path.join(dir, 'dist', 'electron') });
  });

  it('is ok when path.txt and the binary it names are both there', () => {
    const dir = electronPackage({ 'path.txt': 'electron', 'dist/electron': '' });
    expect(checkElectronBinary(dir, {})).toEqual({ ok: true, binary: path.join(dir, 'dist', 'electron') });
  });

  it('looks in ELECTRON_OVERRIDE_DIST_PATH instead of dist/ when it is set', () => {
    const dir = electronPackage({ 'path.txt': 'electron' });
    const override = electronPackage({ electron: '' });
    expect(checkElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ ok: true, binary: path.join(override, 'electron') });
    const empty = electronPackage({});
    expect(checkElectronBinary(empty, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ ok: true, binary: path.join(override, 'electron') });
    expect(checkElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: empty })).toEqual({ ok: false, missing: path.join(empty, 'electron') });
  });
});

describe('the message npm start prints without Electron', () => {
  it('is one paragraph: what is missing, how to get it with internet, and that web mode works now', () => {
    const message = missingElectronMessage('node_modules/electron/path.txt');
    expect(message).not.toContain('\n');
    expect(message).toContain('node_modules/electron/path.txt');
    expect(message).toContain('`npm ci`');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('`npm run web`');
    expect(message).toMatch(/internet/);
    expect(message).toMatch(/browser/);
  });

  it('is what the script prints, alone, with exit code 1 and no stack trace, before anything is built', () => {
    const dir = electronPackage({ 'index.js': '' });
    const root = path.join(dir, 'project');
    fs.mkdirSync(path.join(root, 'scripts'), { recursive: true });
    fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
    fs.copyFileSync('scripts/electron-binary.mjs', path.join(root, 'scripts', 'electron-binary.mjs'));
    fs.mkdirSync(path.join(root, 'node_modules', 'electron'));
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-binary.mjs')], { encoding: 'utf8', env });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${missingElectronMessage(path.join('node_modules', 'electron', 'path.txt'))}\n`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says nothing and exits 0 when the binary is there', () => {
    const root = electronPackage({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync('scripts/electron-binary.mjs', path.join(root, 'scripts', 'electron-binary.mjs'));
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-binary.mjs')], { encoding: 'utf8', env });
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});
