// Adds up the JSON reports of every runner (vitest runs and Playwright) into one closing line:
// "tests: N passed, N failed". A missing report counts as a failure: a runner that did not
// report did not pass. Skipped tests count as failures too, so none hides.
import { readFileSync } from 'node:fs';
import path from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of process.argv.slice(2)) {
  const name = path.basename(file, '.json');
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    console.log(`${name}: no report at ${file}: that runner did not finish`);
    failed += 1;
    continue;
  }
  let p;
  let f;
  let s;
  if (report.stats) {
    // Playwright
    p = report.stats.expected ?? 0;
    f = (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
    s = report.stats.skipped ?? 0;
  } else {
    // vitest: a suite that failed to load fails without failing a test, so count it too.
    p = report.numPassedTests ?? 0;
    f = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
    s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  console.log(`${name}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}

if (skipped > 0) console.log(`${skipped} skipped test(s): no test may be skipped`);
console.log(`tests: ${passed} passed, ${failed + skipped} failed`);
process.exit(failed + skipped > 0 || passed === 0 ? 1 : 0);
