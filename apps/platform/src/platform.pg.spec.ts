// The platform's HTTP API end to end, on a real PostgreSQL server (the distributed shape's
// database), with a throwaway database per run.
import type { WeerbaarConfig } from '@weerbaar/config';
import request from 'supertest';
import { aThreatRequest, createTestDatabase } from '@weerbaar/testing';
import { describeEscalationApi } from './testing/escalation-api.contract';
import { describeHardening, HARDENING_HTTP_LIMITS } from './testing/hardening.contract';
import { describePlatformApi } from './testing/platform-api.contract';
import { rebuildReadModelsCommand } from '../../cli/src/rebuild-read-models';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

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

describe('the CLI rebuild while a platform serves and projects on the same server', () => {
  it('swaps in identical tables, and the platform goes on projecting into them', async () => {
    const database = await createTestDatabase();
    const running = await startTestPlatform({ databaseUrl: database.url });
    try {
      const coordinator = running.tokens.coordinator('GM0363');
      const record = () =>
        request(running.http)
          .post('/api/v1/signals')
          .set('Authorization', `Bearer ${coordinator}`)
          .send(aThreatRequest().build())
          .expect(201);
      for (let i = 0; i < 5; i += 1) await record();
      await running.settle();
      const before = await running.checksums();
      expect(await rebuildReadModelsCommand(running.config)).toBe(true);
      expect(await running.checksums()).toEqual(before);
      await record();
      await running.settle();
      const picture = await request(running.http)
        .get('/api/v1/municipalities/GM0363/risk')
        .set('Authorization', `Bearer ${coordinator}`)
        .expect(200);
      expect(picture.body.liveSignals).toBe(6);
    } finally {
      await running.close();
      await database.drop();
    }
  }, 60_000);
});
