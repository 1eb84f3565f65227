// `npm run test:e2e`: the browser tests. Builds when the sources changed (the tests drive the
// production build of the web app), then runs them in Debian's Chromium, one file at a time.
// Screenshots of the main screens land in test/e2e/screenshots/.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureBuild, root } = require('./build-state');

ensureBuild();
const jest = join(root, 'node_modules', '.bin', 'jest');
const { status } = spawnSync(
  jest,
  ['--selectProjects', 'browser', '--runInBand', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exitCode = status ?? 1;
