// `npm run bench [-- name]`: builds if needed, then runs every benchmark in bench/ (or the
// named one) one after the other. Benchmarks print figures; they never pass or fail.
const { ensureBuild, root } = require('./build-state');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

ensureBuild();
const filter = process.argv[2];
const dir = join(root, 'dist/bench');
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .sort()) {
  if (filter && !file.includes(filter)) continue;
  process.stdout.write(`\n=== ${file}\n`);
  // --expose-gc lets a benchmark collect garbage before it reads the heap.
  execFileSync(process.execPath, ['--expose-gc', join(dir, file)], { stdio: 'inherit', cwd: root });
}
