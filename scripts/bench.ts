/**
 * `npm run bench`: every benchmark in tests/bench, one after the other (never in parallel: the
 * machine has two cores), each printing its own side-by-side table. Pass names to run a subset:
 * `npm run bench -- search packs`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = readdirSync('tests/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}\n`);
  const run = spawnSync('npx', ['tsx', `tests/bench/${file}`], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
