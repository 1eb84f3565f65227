// The platform's HTTP API end to end, on a real PostgreSQL server (the distributed shape's
// database), with a throwaway database per run.
import { createTestDatabase } from '@weerbaar/testing';
import { describePlatformApi } from './testing/platform-api.contract';
import { startTestPlatform } from './testing/test-platform';

describePlatformApi('a PostgreSQL server', async () => {
  const database = await createTestDatabase();
  const platform = await startTestPlatform({ databaseUrl: database.url });
  return {
    ...platform,
    async close() {
      await platform.close();
      await database.drop();
    },
  };
});
