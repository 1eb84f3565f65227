// `npm run test:kafka`: the tests against a real Apache Kafka broker and PostgreSQL server.
// Builds when the sources changed (the distributed-shape tests start the built services as
// processes), then runs the `kafka` Jest project one file at a time.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureBuild, root } = require('./build-state');

ensureBuild();
const jest = join(root, 'node_modules', '.bin', 'jest');
const { status } = spawnSync(
  jest,
  ['--selectProjects', 'kafka', '--runInBand', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exitCode = status ?? 1;
