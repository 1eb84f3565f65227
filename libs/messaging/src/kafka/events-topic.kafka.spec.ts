// The events topic is created at start with the configured partitions and retention, and an
// existing one is left as it is.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ensureEventsTopic } from './events-topic';

let admin: Admin;

beforeAll(async () => {
  const brokers = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterAll(() => admin?.disconnect());

it('creates the topic once, with its partitions and retention, and then leaves it', async () => {
  const topic = `events-${randomUUID()}`;
  const settings = { topic, partitions: 6, replicationFactor: 1, retentionMs: 3 * 86_400_000 };
  expect(await ensureEventsTopic(admin, settings)).toEqual({ created: true, partitions: 6 });
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  expect(metadata.partitions).toHaveLength(6);
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: 2, name: topic, configNames: ['retention.ms'] }],
  });
  expect(configs.resources[0].configEntries[0].configValue).toBe(String(3 * 86_400_000));
  expect(await ensureEventsTopic(admin, { ...settings, partitions: 12 })).toEqual({
    created: false,
    partitions: 6,
  });
});
