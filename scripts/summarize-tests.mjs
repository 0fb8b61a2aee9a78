// Adds up the results of every suite in a results folder and prints `N passed, N failed`.
// Exits non-zero when anything failed or when a suite that should have reported did not.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  let p = 0, f = 0, s = 0;
  if (file === 'vitest.json') {
    p = data.numPassedTests; f = data.numFailedTests + filesThatFailedToRun(data); s = data.numPendingTests + data.numTodoTests;
  } else if (file === 'playwright.json') {
    p = data.stats.expected + data.stats.flaky; f = data.stats.unexpected + (data.errors?.length ?? 0); s = data.stats.skipped;
  } else {
    p = data.passed; f = data.failed;
  }
  passed += p; failed += f; skipped += s;
  lines.push(`  ${file.replace('.json', '').padEnd(12)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
}

function filesThatFailedToRun(data) {
  // A test file that failed to load or crashed has no failed tests of its own: count it once.
  return (data.testResults ?? []).filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length;
}

// Suites that were meant to run (argv) but wrote no report count as one failure each.
for (const suite of process.argv.slice(3)) {
  if (!existsSync(path.join(dir, `${suite}.json`))) { lines.push(`  ${suite.padEnd(12)} did not report`); failed += 1; }
}
console.log('\nTest summary');
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
