// Rebuilding the read models in the distributed shape: the live projector consumes Kafka and
// keeps a position per partition, the rebuild reads the event store. After the swap the live
// projector neither applies again what the rebuilt tables hold, nor misses what came after.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { EventProcessor } from '@weerbaar/event-store';
import { createKafkaRelay } from '@weerbaar/messaging';
import { rebuildReadModels } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';
import { aBriberyRequest, aThreatRequest, createTestDatabase } from '@weerbaar/testing';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

jest.setTimeout(120_000);

const MUNICIPALITIES = ['GM0363', 'GM0344', 'GM0599'];

it('rebuilds from the event store, and the Kafka projector goes on from the rebuilt tables', async () => {
  const brokers = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  const database = await createTestDatabase();
  let t: TestPlatform | undefined;
  let relay: EventProcessor<unknown> | undefined;
  try {
    t = await startTestPlatform({
      databaseUrl: database.url,
      kafka: {
        brokers: [brokers],
        topic: `rebuild-${randomUUID()}`,
        partitions: 3,
        replicationFactor: 1,
        retentionMs: 3_600_000,
      },
    });
    const platform = t;
    const { infrastructure } = platform.platform;
    const producer = infrastructure.kafka!.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    relay = createKafkaRelay({
      store: infrastructure.eventStore,
      transaction: (fn) => infrastructure.database.transaction((q) => fn(q, q)),
      producer,
      topic: platform.config.kafka!.topic,
      lock: infrastructure.processorLock,
    });
    relay.start();
    const record = (n: number, kind = aThreatRequest) =>
      Promise.all(
        Array.from({ length: n }, (_, i) => {
          const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length];
          return request(platform.http)
            .post('/api/v1/signals')
            .set('Authorization', `Bearer ${platform.tokens.coordinator(municipality)}`)
            .send(kind().in(municipality).build())
            .expect(201);
        }),
      );
    const liveSignals = async () => {
      const counts: Record<string, number> = {};
      for (const code of MUNICIPALITIES) {
        const { body } = await request(platform.http)
          .get(`/api/v1/municipalities/${code}/risk`)
          .set('Authorization', `Bearer ${platform.tokens.coordinator(code)}`)
          .expect(200);
        counts[code] = body.liveSignals;
      }
      return counts;
    };

    await record(12);
    await platform.settle();
    expect(await liveSignals()).toEqual({ GM0363: 4, GM0344: 4, GM0599: 4 });

    const context = { regions: ReferenceData.load(), risk: platform.config.risk };
    const first = await rebuildReadModels(
      infrastructure.dataSource,
      infrastructure.logBus,
      context,
    );
    expect(first.events).toBeGreaterThanOrEqual(12);
    // Every partition position of the live projector now stands where the rebuild got.
    const positions = await infrastructure.database.query<{ name: string; at: string }>(
      `SELECT name, transaction_id::text || ':' || position::text AS at
         FROM processor_checkpoints WHERE name LIKE 'read-models%' ORDER BY name`,
    );
    expect(positions.map((p) => p.name)).toContain('read-models');
    expect(new Set(positions.map((p) => p.at)).size).toBe(1);

    await record(6, aBriberyRequest);
    await platform.settle();
    expect(await liveSignals()).toEqual({ GM0363: 6, GM0344: 6, GM0599: 6 });

    // A from-scratch rebuild of the same log holds exactly what the live projector made.
    const second = await rebuildReadModels(
      infrastructure.dataSource,
      infrastructure.logBus,
      context,
      { compare: true },
    );
    expect(second.compared).toBeDefined();
    for (const [table, { live, rebuilt }] of Object.entries(second.compared!)) {
      expect({ table, checksum: live }).toEqual({ table, checksum: rebuilt });
    }
    await relay.stop();
    relay = undefined;
    await producer.disconnect();
  } finally {
    await relay?.stop();
    await t?.close();
    await database.drop();
  }
});
