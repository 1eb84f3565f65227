// `node scripts/test-built.js <jest project> [jest options]`: the test suites that drive the
// production build. Builds when the sources changed, then runs the project one file at a time:
//   browser  npm run test:e2e    the web app in Debian's Chromium (screenshots in
//                                test/e2e/screenshots/)
//   kafka    npm run test:kafka  a real Kafka broker; the distributed shape's services as processes
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureBuild, root } = require('./build-state');

const [project, ...options] = process.argv.slice(2);
ensureBuild();
const jest = join(root, 'node_modules', '.bin', 'jest');
const { status } = spawnSync(jest, ['--selectProjects', project, '--runInBand', ...options], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = status ?? 1;
