// The EventStore contract on a real PostgreSQL server (started by the pg Jest project's global
// setup), each store instance with its own connection pool as separate processes would have.
import { createTestDatabase } from '../../../testing/src/postgres/test-database';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { PgAdvisoryProcessorLock } from '../processing/processor-lock';
import { PgDatabase } from '../sql/pg-database';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract(
  'PostgresEventStore on PostgreSQL',
  { concurrentSessions: true },
  async () => {
    const testDatabase = await createTestDatabase();
    const database = new PgDatabase({ connectionString: testDatabase.url });
    await new PostgresEventStore(database).ensureSchema();
    const pools: PgDatabase[] = [];
    return {
      database,
      makeStore: async (options) => {
        const pool = new PgDatabase({ connectionString: testDatabase.url, max: 4 });
        pools.push(pool);
        const store = new PostgresEventStore(pool, { upcasting: options?.upcasting });
        await store.ensureSchema();
        return store;
      },
      makeLock: () => new PgAdvisoryProcessorLock(database, { retryMs: 100 }),
      dispose: async () => {
        for (const pool of pools) {
          await pool.close();
        }
        await database.close();
        await testDatabase.drop();
      },
    };
  },
);
