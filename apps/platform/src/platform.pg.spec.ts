// The platform's HTTP API end to end, on a real PostgreSQL server (the distributed shape's
// database), with a throwaway database per run.
import { createTestDatabase } from '@weerbaar/testing';
import { describeEscalationApi } from './testing/escalation-api.contract';
import { describePlatformApi } from './testing/platform-api.contract';
import { rebuildReadModelsCommand } from '../../cli/src/rebuild-read-models';
import { startTestPlatform, testConfig } from './testing/test-platform';

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

describeEscalationApi('a PostgreSQL server', async (config) => {
  const database = await createTestDatabase();
  const platform = await startTestPlatform({ ...config, databaseUrl: database.url });
  return {
    ...platform,
    async close() {
      await platform.close();
      await database.drop();
    },
  };
});

describe('a rebuild while a platform projects on the same server', () => {
  it('is refused, and changes nothing', async () => {
    const database = await createTestDatabase();
    const running = await startTestPlatform({ databaseUrl: database.url });
    try {
      const before = await running.checksums();
      await expect(
        rebuildReadModelsCommand(testConfig({ databaseUrl: database.url })),
      ).rejects.toThrow(/stop it first/);
      expect(await running.checksums()).toEqual(before);
    } finally {
      await running.close();
      await database.drop();
    }
  }, 30_000);
});
