// Runs every benchmark in this folder in turn (each *.mjs except this runner and the data
// generators), each in its own Node process so one cannot warm up or slow down another.
// Exits non-zero when any benchmark fails. `npm run bench` at the root builds first, then runs this.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const benchmarks = readdirSync(here)
  .filter((name) => name.endsWith('.mjs') && name !== 'run.mjs' && !name.startsWith('generate-'))
  .sort();

let failed = 0;
for (const name of benchmarks) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [join(here, name)], { stdio: 'inherit', cwd: here });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${name} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(`\n${benchmarks.length - failed} of ${benchmarks.length} benchmarks ran.`);
process.exitCode = failed > 0 ? 1 : 0;
