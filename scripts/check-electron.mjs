// `npm run check:electron`: electronegativity (Doyensec's Electron security scanner) over src-main,
// failing on any finding of medium or high severity. Informational and low findings ("review the
// use of openExternal") are listed for the reader; the tests under test/integration/shell pin
// how each of those is handled.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The package's programmatic entry: the same runner its CLI calls.
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

const input = path.resolve(process.argv[2] ?? 'src-main');
// The security-fixes check asks the network for Electron's release list (and only warns without
// it); the installed version is pinned by package-lock.json and reviewed on upgrade instead.
const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
const MEDIUM = 2;
const failing = (issue) => issue.severity.value >= MEDIUM;

const describe = (issue) =>
  `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${issue.file}:${issue.location.line}:${issue.location.column}`;
const issues = [...result.issues].sort((a, b) => b.severity.value - a.severity.value);
for (const issue of issues) console.log(describe(issue));
const bad = issues.filter(failing);
console.log(`\nelectronegativity: ${issues.length} findings, ${bad.length} of medium or high severity`);
process.exit(bad.length > 0 ? 1 : 0);
