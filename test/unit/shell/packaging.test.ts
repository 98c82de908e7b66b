/**
 * The packaging configuration (package.json "build", read by electron-builder): the targets people
 * install from, the clientdeck:// scheme, and the Electron fuses that close the ways around the
 * app's own code in production. electron-builder's own schema check runs on it too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const build = pkg.build;

describe('packaging', () => {
  it('sets the production fuses: no run-as-node, no NODE_OPTIONS, no inspect flags, asar integrity, the app only from its asar', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(build.asar).toBe(true);
  });

  it('builds AppImage and deb, a signed and notarised dmg when credentials are given, and an nsis installer', () => {
    expect(build.linux.target).toEqual(['AppImage', 'deb']);
    expect(build.mac.target).toEqual(['dmg']);
    // electron-builder signs when CSC_LINK (or a keychain identity) is there and notarises with APPLE_* credentials.
    expect(build.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(build.win.target).toEqual(['nsis']);
    expect(build.deb.depends).toContain('libsecret-1-0');
  });

  it('registers clientdeck:// on all three systems', () => {
    expect(build.protocols).toEqual([{ name: 'Clientdeck', schemes: ['clientdeck'] }]);
    // Linux desktops learn it from the .desktop file's MIME types; macOS and Windows from protocols.
    expect(build.linux.mimeTypes).toContain('x-scheme-handler/clientdeck');
  });

  it('packs the bundled app, its chunks and the native modules outside the asar', () => {
    expect(pkg.main).toBe('build/main/main.mjs');
    expect(build.files).toContain('build/**');
    expect(build.asarUnpack).toEqual(expect.arrayContaining(['node_modules/keytar/**', 'node_modules/better-sqlite3/**']));
  });

  it('is a configuration electron-builder accepts', async () => {
    const require = createRequire(import.meta.url);
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
    // Loading electron-builder's schema takes seconds on a busy machine.
  }, 60_000);
});
