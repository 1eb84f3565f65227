// Jest global teardown of the `pg` project: stops the server that global setup started (and only that one).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const SCRIPT = path.resolve(__dirname, '../../../../infra/local/postgres.sh');

module.exports = async function globalTeardown() {
  const dir = process.env.WEERBAAR_TEST_PG_DIR;
  if (!dir) {
    return; // the server was given through WEERBAAR_TEST_PG_URL: not ours to stop
  }
  execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  delete process.env.WEERBAAR_TEST_PG_DIR;
  delete process.env.WEERBAAR_TEST_PG_URL;
};
