// Runs before `npm start` builds anything: where Electron's binary was never downloaded (no
// internet when `npm ci` ran), Electron's own launcher would try to fetch it after a minute of
// building and die with `fetch failed`. Checking first turns that into one paragraph the user can act on.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the Electron binary is, or why it is not there. Follows the package's own lookup
 * (node_modules/electron/index.js): path.txt names the executable inside dist/, or inside
 * ELECTRON_OVERRIDE_DIST_PATH when that is set.
 *
 * @param {string} electronDir the electron package folder
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ ok: true, binary: string } | { ok: false, missing: string }}
 */
export function checkElectronBinary(electronDir, env = process.env) {
  const pathFile = path.join(electronDir, 'path.txt');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let executable = null;
  if (fs.existsSync(pathFile)) executable = fs.readFileSync(pathFile, 'utf8').trim() || null;
  if (!executable && !override) return { ok: false, missing: pathFile };
  const binary = override ? path.join(override, executable ?? 'electron') : path.join(electronDir, 'dist', executable);
  return fs.existsSync(binary) ? { ok: true, binary } : { ok: false, missing: binary };
}

/**
 * The one paragraph `npm start` prints instead of building: what is missing, how to get it on a
 * machine with internet, and what works right now.
 *
 * @param {string} missing
 */
export function missingElectronMessage(missing) {
  return (
    `Clientdeck cannot start as a desktop app here: the Electron binary was never downloaded (${missing} is missing). ` +
    'On a machine with internet, `npm ci` downloads it (or, with the packages already installed, `node node_modules/electron/install.js`); ' +
    'set ELECTRON_OVERRIDE_DIST_PATH to use an Electron you already have. ' +
    'Right now, `npm run web` runs the same app in your browser.'
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const result = checkElectronBinary(path.join(root, 'node_modules', 'electron'));
  if (!result.ok) {
    process.stderr.write(`${missingElectronMessage(path.relative(root, result.missing) || result.missing)}\n`);
    process.exitCode = 1;
  }
}
