// The Kafka bus against a real broker and PostgreSQL: a subscriber applies every event once, in
// order per municipality, in its own transaction; a redelivery (offsets reset), events the relay
// produced twice (its checkpoint lost) and a second instance of the subscriber change nothing.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import {
  CheckpointStore,
  PgAdvisoryProcessorLock,
  PgDatabase,
  PostgresEventStore,
  type RecordedEvent,
  type SqlQueryable,
} from '@weerbaar/event-store';
import { createTestDatabase, type TestDatabase } from '../../../testing/src/postgres/test-database';
import type { BusSubscription } from '../message-bus.port';
import { KafkaBus } from './kafka-bus';
import { createKafkaRelay, RELAY_PROCESSOR } from './kafka-relay';

jest.setTimeout(90_000);

const QUIET = { log: () => undefined, warn: () => undefined, error: () => undefined };
let testDatabase: TestDatabase;
let database: PgDatabase;
let store: PostgresEventStore;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let topic: string;

beforeAll(async () => {
  const brokers = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  testDatabase = await createTestDatabase();
  database = new PgDatabase({ connectionString: testDatabase.url });
  store = new PostgresEventStore(database);
  await store.ensureSchema();
  await CheckpointStore.ensureSchema(database);
  await database.query(`CREATE TABLE applied (
    subscriber text NOT NULL, event_id uuid NOT NULL, municipality text NOT NULL,
    seq bigserial, PRIMARY KEY (subscriber, event_id))`);
  kafka = new Kafka({ clientId: 'bus-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  topic = `bus-test-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await database?.close();
  await testDatabase?.drop();
});

const transaction = <T>(fn: (tx: SqlQueryable, q: SqlQueryable) => Promise<T>) =>
  database.transaction((q) => fn(q, q));

function relay() {
  return createKafkaRelay({
    store,
    transaction,
    producer,
    topic,
    lock: new PgAdvisoryProcessorLock(database, { retryMs: 50 }),
    logger: QUIET,
  });
}

/** The last lag each subscriber reported per partition. */
const lags = new Map<string, number>();

function bus(): KafkaBus {
  return new KafkaBus({
    kafka,
    store,
    topic,
    logger: QUIET,
    onBatch: ({ subscriber, partition, messages }) =>
      lags.set(`${subscriber}/${partition}`, messages),
    readCheckpoint: (name) => transaction((q) => new CheckpointStore().load(q, name)),
  });
}

/** A subscriber that records each event it applies (a primary key refuses a second time). */
function subscriber(name: string): BusSubscription {
  return bus().subscribe<SqlQueryable>({
    name,
    transaction,
    batchSize: 20,
    handle: async (events: RecordedEvent[], tx) => {
      for (const event of events) {
        await tx.query(
          `INSERT INTO applied (subscriber, event_id, municipality) VALUES ($1, $2, $3)`,
          [name, event.eventId, (event.data as { municipality: string }).municipality],
        );
      }
    },
  });
}

async function appendSignals(count: number): Promise<RecordedEvent[]> {
  const recorded: RecordedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const result = await store.append(
      `signal-${randomUUID()}`,
      [
        {
          eventId: randomUUID(),
          type: 'SignalRecorded',
          schemaVersion: 1,
          data: { municipality: ['GM0363', 'GM0599', 'GM0518', 'GM0344'][i % 4] },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    recorded.push(...result.events);
  }
  return recorded;
}

async function appliedBy(name: string): Promise<{ event_id: string; municipality: string }[]> {
  return database.query(
    `SELECT event_id, municipality FROM applied WHERE subscriber = $1 ORDER BY seq`,
    [name],
  );
}

it('applies every event once, in the order of the log per municipality', async () => {
  const events = await appendSignals(80);
  await relay().catchUp();
  const projector = subscriber('projector');
  await projector.catchUp();
  const applied = await appliedBy('projector');
  expect(applied).toHaveLength(80);
  // Each partition reported its lag, down to nothing left once caught up.
  const projectorLags = [...lags.entries()].filter(([key]) => key.startsWith('projector/'));
  expect(projectorLags.length).toBeGreaterThan(0);
  expect(projectorLags.map(([, lag]) => lag)).toEqual(projectorLags.map(() => 0));
  for (const municipality of ['GM0363', 'GM0599', 'GM0518', 'GM0344']) {
    expect(applied.filter((a) => a.municipality === municipality).map((a) => a.event_id)).toEqual(
      events
        .filter((e) => (e.data as { municipality: string }).municipality === municipality)
        .map((e) => e.eventId),
    );
  }
});

it('applies nothing twice when Kafka delivers again or the relay produced twice', async () => {
  await appendSignals(20);
  await relay().catchUp();
  await subscriber('projector').catchUp();
  expect(await appliedBy('projector')).toHaveLength(100);

  // The relay lost its checkpoint: it produces the whole log a second time.
  await database.query(`DELETE FROM processor_checkpoints WHERE name = $1`, [RELAY_PROCESSOR]);
  await relay().catchUp();
  // And the group's offsets go back to the start: everything is delivered again.
  await admin.resetOffsets({ groupId: 'projector', topic, earliest: true });
  await appendSignals(5);
  await relay().catchUp();
  await subscriber('projector').catchUp();
  expect(await appliedBy('projector')).toHaveLength(105);
});

it('lets two instances of a subscriber share the partitions, each event applied once', async () => {
  await appendSignals(60);
  await relay().catchUp();
  const first = subscriber('escalation');
  const second = subscriber('escalation');
  first.start();
  second.start();
  await first.catchUp();
  await Promise.all([first.stop(), second.stop()]);
  const applied = await appliedBy('escalation');
  expect(applied).toHaveLength(165);
  expect(new Set(applied.map((a) => a.event_id)).size).toBe(165);
});
