// Prints one plain closing line from the Vitest JSON reports: "tests: N passed, N failed".
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dir = 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
  const report = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  passed += report.numPassedTests ?? 0;
  // A file that fails to load has no failed test, only a failed suite: count it then, not twice.
  const failedTests = report.numFailedTests ?? 0;
  failed += failedTests || (report.numFailedTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
