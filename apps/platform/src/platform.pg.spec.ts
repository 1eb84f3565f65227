// The platform's HTTP API end to end, on a real PostgreSQL server (the distributed shape's
// database), with a throwaway database per run.
import type { WeerbaarConfig } from '@weerbaar/config';
import { createTestDatabase } from '@weerbaar/testing';
import { describeEscalationApi } from './testing/escalation-api.contract';
import { describeHardening, HARDENING_HTTP_LIMITS } from './testing/hardening.contract';
import { describePlatformApi } from './testing/platform-api.contract';
import { rebuildReadModelsCommand } from '../../cli/src/rebuild-read-models';
import { startTestPlatform, testConfig, type TestPlatform } from './testing/test-platform';

/** A platform on a database of its own, dropped when the platform closes. */
async function onThrowawayDatabase(overrides: Partial<WeerbaarConfig> = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const platform = await startTestPlatform({ ...overrides, databaseUrl: database.url });
  return {
    ...platform,
    async close() {
      await platform.close();
      await database.drop();
    },
  };
}

describePlatformApi('a PostgreSQL server', () => onThrowawayDatabase());
describeHardening('a PostgreSQL server', () =>
  onThrowawayDatabase({ http: HARDENING_HTTP_LIMITS }),
);

describeEscalationApi('a PostgreSQL server', (config) => onThrowawayDatabase(config));

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
