// The hash chain on a real PostgreSQL server, a throwaway database per test.
import { createTestDatabase } from '../../../testing/src/postgres/test-database';
import { PgDatabase } from '../sql/pg-database';
import { describeHashChain } from '../contract/hash-chain.contract';

describeHashChain('PostgreSQL', async () => {
  const testDatabase = await createTestDatabase();
  const database = new PgDatabase({ connectionString: testDatabase.url });
  return {
    database,
    dispose: async () => {
      await database.close();
      await testDatabase.drop();
    },
  };
});
