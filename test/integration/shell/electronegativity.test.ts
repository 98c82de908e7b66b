/**
 * `npm run check:electron` in the suite: electronegativity over src-main finds nothing of medium
 * or high severity, and the same check does fail on a window made the unsafe way.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDataDir } from './shell-process.js';

const root = path.resolve(import.meta.dirname, '../../..');
const check = async (input: string) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts/check-electron.mjs'), input], { cwd: root });
    return { code: 0, stdout };
  } catch (error: any) {
    return { code: error.code as number, stdout: String(error.stdout) };
  }
};

describe('electronegativity', () => {
  it('finds no medium or high severity issue in src-main', async () => {
    const result = await check('src-main');
    expect(result.stdout).toMatch(/electronegativity: \d+ findings, 0 of medium or high severity/);
    expect(result.code).toBe(0);
  }, 120_000);

  it('fails on a window without isolation or sandbox, in an app without navigation or permission handlers', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(
      path.join(dir, 'unsafe.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/HIGH .*CONTEXT_ISOLATION_JS_CHECK/);
    expect(result.stdout).toMatch(/MEDIUM .*SANDBOX_JS_CHECK/);
    // Without handlers, the scanner also misses navigation limits and a permission handler, which src-main has.
    expect(result.stdout).toMatch(/LIMIT_NAVIGATION_GLOBAL_CHECK/);
    expect(result.stdout).toMatch(/PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK/);
  }, 120_000);
});
