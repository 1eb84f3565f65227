// The advisory processor lock on a real PostgreSQL server: a standby instance waiting for the lock
// survives its session being ended, and takes the lock once the holder lets go.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../testing/src/postgres/test-database';
import { PgDatabase } from '../sql/pg-database';
import { PgAdvisoryProcessorLock } from './processor-lock';

let testDatabase: TestDatabase;
let database: PgDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = new PgDatabase({ connectionString: testDatabase.url });
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('keeps waiting with a new session when the waiting one is ended', async () => {
  const name = `standby-${randomUUID()}`;
  const lock = new PgAdvisoryProcessorLock(database, { retryMs: 300 });
  const holder = await lock.acquire(name);
  expect(holder).toBeDefined();
  const waiting = lock.acquire(name, AbortSignal.timeout(10_000));
  await sleep(100); // it tried once, and sleeps until the next try with its session idle
  const ended = await database.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()
       AND query LIKE 'SELECT pg_try_advisory_lock%' AND NOT EXISTS (
         SELECT 1 FROM pg_locks WHERE pg_locks.pid = pg_stat_activity.pid
           AND locktype = 'advisory')`,
  );
  expect(ended).toEqual([{ ended: true }]);
  await sleep(100);
  await holder?.release();
  const lease = await waiting;
  expect(lease).toBeDefined();
  await lease?.release();
});
