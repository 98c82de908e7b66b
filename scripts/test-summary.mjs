// Adds up the vitest and Playwright JSON reports into one closing line: "tests: N passed, N failed".
// A missing report counts as a failure: a runner that did not report did not pass.
import { readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;

function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log(`no report at ${file}: that runner did not finish`);
    missing += 1;
    return null;
  }
}

const vitest = read(vitestFile);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numFailedTestSuites ?? 0);
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests} skipped`);
}

const playwright = read(playwrightFile);
if (playwright) {
  const s = playwright.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
  console.log(`playwright: ${s.expected ?? 0} passed, ${(s.unexpected ?? 0) + (s.flaky ?? 0)} failed, ${s.skipped ?? 0} skipped`);
}

// Skipped tests are defects here: they count as failures so none hides.
if (skipped > 0) console.log(`${skipped} skipped test(s): no test may be skipped`);
console.log(`tests: ${passed} passed, ${failed + skipped + missing} failed`);
process.exit(failed + skipped + missing > 0 || passed === 0 ? 1 : 0);
