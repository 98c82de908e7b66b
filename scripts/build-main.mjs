// Bundles the Electron main process and the preload for `npm start` and packaging.
// Main is ESM (Electron ≥ 28 loads it natively) with npm packages left external so native modules
// (keytar, better-sqlite3, argon2) load from node_modules; the preload runs sandboxed, which
// requires a single self-contained CommonJS file.
import { copyFile } from 'node:fs/promises';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { main: 'src-main/app/main.ts' },
  outExtension: { '.js': '.mjs' },
  outdir: 'build/main',
  format: 'esm',
  // The demo provider (src-server: fastify, kysely, mail) is imported on demand; its own chunk
  // keeps it off the start of a user who has real providers only.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  banner: {
    // Some bundled CommonJS code expects these in scope.
    js: "import { createRequire as __cdRequire } from 'node:module'; const require = __cdRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: { preload: 'src-main/app/preload.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'build/main',
  format: 'cjs',
  external: ['electron'],
});

// The tray icon ships inside the app (electron-builder packs build/ only).
await copyFile('assets/icon.png', 'build/main/icon.png');

console.log('built build/main/main.mjs, build/main/preload.cjs and build/main/icon.png');
