// The MessageBus contract on the Kafka bus: a real broker and PostgreSQL server, a relay running
// from the event store to a topic of its own with three partitions, a consumer group per
// subscriber.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll } from '@jest/globals';
import {
  CheckpointStore,
  PgAdvisoryProcessorLock,
  PgDatabase,
  PostgresEventStore,
} from '@weerbaar/event-store';
import { createTestDatabase } from '../../../testing/src/postgres/test-database';
import { describeMessageBusContract } from '../contract/message-bus.contract';
import { KafkaBus } from './kafka-bus';
import { createKafkaRelay } from './kafka-relay';

const QUIET = { log: () => undefined, warn: () => undefined, error: () => undefined };

let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  const brokers = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  kafka = new Kafka({
    clientId: 'bus-contract',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

describeMessageBusContract('KafkaBus with its relay', async () => {
  const testDatabase = await createTestDatabase();
  const database = new PgDatabase({ connectionString: testDatabase.url });
  const store = new PostgresEventStore(database);
  await store.ensureSchema();
  await CheckpointStore.ensureSchema(database);
  const topic = `bus-contract-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  // A producer per relay, as per process: a kafkajs producer that sent to a topic since deleted
  // keeps asking the broker for it and fails every send.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const checkpoints = new CheckpointStore();
  const relay = createKafkaRelay({
    store,
    transaction: (fn) => database.transaction((q) => fn(q, q)),
    producer,
    topic,
    lock: new PgAdvisoryProcessorLock(database, { retryMs: 50 }),
    retry: { initialMs: 20, maxMs: 200 },
    logger: QUIET,
  });
  relay.start();
  return {
    store,
    database,
    bus: () =>
      new KafkaBus({
        kafka,
        store,
        topic,
        logger: QUIET,
        // stop() waits for the fetch in flight: an idle subscriber stops within 100 ms.
        fetchWaitMs: 100,
        readCheckpoint: (name) => database.transaction((q) => checkpoints.load(q, name)),
      }),
    teardown: async () => {
      await relay.stop();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] });
      await store.close();
      await database.close();
      await testDatabase.drop();
    },
  };
});
