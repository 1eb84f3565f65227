// A service of the distributed shape on a real PostgreSQL server and broker: it creates the
// events topic at start and reports the broker in its readiness.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { loadConfig } from '@weerbaar/config';
import { createTestDatabase } from '../../testing/src/postgres/test-database';
import { createServiceApp } from './service-app';

it('creates the events topic and reports database and broker as ready', async () => {
  const brokers = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-service-'));
  const topic = `service-${randomUUID()}`;
  const config = loadConfig({
    WEERBAAR_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topic,
    KAFKA_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SUBJECT_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
  });
  const service = await createServiceApp(config, { features: [], webAppDir: false });
  try {
    await service.app.init();
    const res = await request(service.app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body.checks).toEqual({ eventStore: 'up', readModels: 'up', bus: 'kafka' });
    const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    await admin.disconnect();
    expect(metadata.partitions).toHaveLength(3);
  } finally {
    await service.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
