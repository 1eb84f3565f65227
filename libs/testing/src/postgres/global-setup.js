// Jest global setup of the `pg` project: starts one throwaway PostgreSQL server for the whole run
// (durability off, it is a test server) unless WEERBAAR_TEST_PG_URL already points at one.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const SCRIPT = path.resolve(__dirname, '../../../../infra/local/postgres.sh');

module.exports = async function globalSetup() {
  if (process.env.WEERBAAR_TEST_PG_URL) {
    return;
  }
  const output = execFileSync('bash', [SCRIPT, 'start', '--fast'], {
    encoding: 'utf8',
    // stderr carries progress (and apt-get output on a fresh machine); keep it visible.
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60 * 1000,
  });
  const lines = output.split('\n').map((line) => line.trim());
  const url = lines.find((line) => line.startsWith('postgresql://'));
  const dirLine = lines.find((line) => line.startsWith('PG_DIR='));
  if (!url || !dirLine) {
    throw new Error(`infra/local/postgres.sh printed no URL/PG_DIR:\n${output}`);
  }
  // Test workers are forked after global setup, so they inherit these variables.
  process.env.WEERBAAR_TEST_PG_URL = url;
  process.env.WEERBAAR_TEST_PG_DIR = dirLine.slice('PG_DIR='.length);
};
