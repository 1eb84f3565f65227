// The MessageBus contract on the in-process bus, built as the server shape builds it
// (libs/infrastructure): over a real PostgreSQL server, one consumer per name under the advisory
// processor lock, events gathering for a moment before each batch.
import {
  CheckpointStore,
  PgAdvisoryProcessorLock,
  PgDatabase,
  PostgresEventStore,
} from '@weerbaar/event-store';
import { createTestDatabase } from '../../testing/src/postgres/test-database';
import { describeMessageBusContract } from './contract/message-bus.contract';
import { InProcessBus } from './in-process-bus';

const QUIET = { log: () => undefined, warn: () => undefined, error: () => undefined };

describeMessageBusContract(
  'InProcessBus on PostgreSQL',
  async () => {
    const testDatabase = await createTestDatabase();
    const database = new PgDatabase({ connectionString: testDatabase.url });
    const store = new PostgresEventStore(database);
    await store.ensureSchema();
    await CheckpointStore.ensureSchema(database);
    return {
      store,
      database,
      bus: () =>
        new InProcessBus(store, {
          lock: new PgAdvisoryProcessorLock(database, { retryMs: 50 }),
          logger: QUIET,
          gatherMs: 20,
        }),
      teardown: async () => {
        await store.close();
        await database.close();
        await testDatabase.drop();
      },
    };
  },
  { timeoutMs: 30_000 },
);
