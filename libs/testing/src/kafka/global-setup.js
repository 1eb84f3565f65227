// Jest global setup of the `kafka` project: a throwaway PostgreSQL server (as the pg project's)
// and a throwaway Apache Kafka broker (infra/local/kafka.sh) for the whole run, unless
// WEERBAAR_TEST_KAFKA_BROKERS already points at one.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const postgresSetup = require('../postgres/global-setup');

const SCRIPT = path.resolve(__dirname, '../../../../infra/local/kafka.sh');

module.exports = async function globalSetup() {
  await postgresSetup();
  if (process.env.WEERBAAR_TEST_KAFKA_BROKERS) return;
  const dir = execFileSync('mktemp', ['-d', '/tmp/weerbaar-kafka-test.XXXXXX'], {
    encoding: 'utf8',
  }).trim();
  const brokers = execFileSync('bash', [SCRIPT, 'start', '--dir', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60 * 1000,
  }).trim();
  if (!/^127\.0\.0\.1:\d+$/.test(brokers)) throw new Error(`kafka.sh printed ${brokers}`);
  // Test workers are forked after global setup, so they inherit these variables.
  process.env.WEERBAAR_TEST_KAFKA_BROKERS = brokers;
  process.env.WEERBAAR_TEST_KAFKA_DIR = dir;
};
