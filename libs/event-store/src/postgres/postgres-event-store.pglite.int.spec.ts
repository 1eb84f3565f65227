// The EventStore contract on the embedded engine: PostgresEventStore over an in-memory PGlite.
import { describeEventStoreContract } from '../contract/event-store.contract';
import { InProcessProcessorLock } from '../processing/processor-lock';
import { PGliteDatabase } from '../sql/pglite-database';
import { PGliteHost } from '../sql/pglite-host';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract(
  'PostgresEventStore on PGlite (in memory)',
  { concurrentSessions: false },
  async () => {
    const host = await PGliteHost.open();
    const database = new PGliteDatabase(host, { ownsHost: true });
    await new PostgresEventStore(database).ensureSchema();
    const lock = new InProcessProcessorLock(); // one per process, shared like the host
    return {
      database,
      makeStore: async (options) => {
        const store = new PostgresEventStore(database, { upcasting: options?.upcasting });
        await store.ensureSchema();
        return store;
      },
      makeLock: () => lock,
      dispose: () => database.close(),
    };
  },
);
