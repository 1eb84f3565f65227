// `npm run lint:openapi`: writes the OpenAPI document of the (built) platform to a temp file
// without starting a server, then lints it with Redocly's minimal rule set; fails on any error.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { ensureBuild, root } = require('./build-state');

ensureBuild();
const dir = mkdtempSync(join(tmpdir(), 'weerbaar-openapi-'));
const file = join(dir, 'openapi.json');
try {
  execFileSync(process.execPath, [join(root, 'dist/apps/platform/src/write-openapi.js'), file], {
    stdio: 'inherit',
  });
  execFileSync('npx', ['--no', 'redocly', 'lint', '--extends=minimal', file], {
    cwd: root,
    stdio: 'inherit',
    // No telemetry or update check: CI reaches no network but the package registries.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} catch (error) {
  process.exitCode = typeof error.status === 'number' && error.status !== 0 ? error.status : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
