// `npm test`: the Node suites (Jest: unit, integration, e2e on PGlite) and the web app's
// component tests (Vitest). Arguments go to Jest (`npm test -- --ci --json --outputFile=x`).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const jest = run(bin('jest'), ['--selectProjects', 'unit', 'int', 'e2e', ...process.argv.slice(2)]);
const vitest = run(bin('vitest'), ['run', '--config', 'apps/web/vite.config.mts']);
process.exitCode = jest !== 0 ? jest : vitest;
