// Jest global teardown of the `kafka` project: stops the broker and the PostgreSQL server that
// global setup started (and only those).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const postgresTeardown = require('../postgres/global-teardown');

const SCRIPT = path.resolve(__dirname, '../../../../infra/local/kafka.sh');

module.exports = async function globalTeardown() {
  const dir = process.env.WEERBAAR_TEST_KAFKA_DIR;
  if (dir) {
    execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    delete process.env.WEERBAAR_TEST_KAFKA_DIR;
    delete process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  }
  await postgresTeardown();
};
