// The relay against a real broker and a real PostgreSQL server: every event of the log reaches
// the topic with its key and headers, in order per municipality; the checkpoint moves only after
// the broker's ack; a relay that stops or fails resumes where its checkpoint is.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import {
  CheckpointStore,
  PgAdvisoryProcessorLock,
  PgDatabase,
  PostgresEventStore,
  type GlobalPosition,
  type RecordedEvent,
  START_OF_LOG,
} from '@weerbaar/event-store';
import { createTestDatabase, type TestDatabase } from '../../../testing/src/postgres/test-database';
import { fromKafkaMessage, HEADERS } from './kafka-event-message';
import { createKafkaRelay, RELAY_PROCESSOR } from './kafka-relay';

jest.setTimeout(60_000);

const brokers = () => {
  const value = process.env.WEERBAAR_TEST_KAFKA_BROKERS;
  if (!value) throw new Error('Run with `npm run test:kafka`: its global setup starts a broker');
  return [value];
};

let testDatabase: TestDatabase;
let database: PgDatabase;
let store: PostgresEventStore;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let topic: string;
/** Where each test's relay starts: the head of the log the earlier tests left. */
let start: GlobalPosition;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = new PgDatabase({ connectionString: testDatabase.url });
  store = new PostgresEventStore(database);
  await store.ensureSchema();
  await CheckpointStore.ensureSchema(database);
  kafka = new Kafka({ clientId: 'relay-test', brokers: brokers(), logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
});

beforeEach(async () => {
  topic = `relay-test-${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
  await database.query(`DELETE FROM processor_checkpoints WHERE name = $1`, [RELAY_PROCESSOR]);
  start = await store.headPosition();
  await database.transaction((q) =>
    new CheckpointStore().compareAndSet(q, RELAY_PROCESSOR, START_OF_LOG, start),
  );
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await database?.close();
  await testDatabase?.drop();
});

function relay(options: { producer?: Producer } = {}) {
  return createKafkaRelay({
    store,
    transaction: (fn) => database.transaction((q) => fn(q, q)),
    producer: options.producer ?? producer,
    topic,
    batchSize: 50,
    lock: new PgAdvisoryProcessorLock(database, { retryMs: 50 }),
    retry: { initialMs: 20, maxMs: 200 },
    logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

async function appendSignals(count: number, municipalities: string[]): Promise<RecordedEvent[]> {
  const recorded: RecordedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const municipality = municipalities[i % municipalities.length];
    const result = await store.append(
      `signal-${randomUUID()}`,
      [
        {
          eventId: randomUUID(),
          type: 'SignalRecorded',
          schemaVersion: 1,
          data: { municipality, n: i },
          metadata: { actor: 'test', correlationId: `c-${i}`, causationId: `k-${i}` },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    recorded.push(...result.events);
  }
  return recorded;
}

/** Everything in the topic, read by an independent consumer, until `expected` messages came. */
async function readTopic(
  expected: number,
): Promise<{ key: string; event: RecordedEvent; headers: Record<string, string> }[]> {
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: { key: string; event: RecordedEvent; headers: Record<string, string> }[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${messages.length} of ${expected} messages`)),
      20_000,
    );
    void consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        messages.push({ key: message.key!.toString(), event: fromKafkaMessage(message), headers });
        if (messages.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return messages;
}

it('produces every event once, keyed by municipality, with its identity in headers, in order per key', async () => {
  const appended = await appendSignals(60, ['GM0363', 'GM0599', 'GM0518']);
  const r = relay();
  await r.catchUp();
  const messages = await readTopic(60);
  expect(messages.map((m) => m.event.eventId).sort()).toEqual(
    appended.map((e) => e.eventId).sort(),
  );
  for (const { key, event, headers } of messages) {
    const original = appended.find((e) => e.eventId === event.eventId)!;
    expect(key).toBe((original.data as { municipality: string }).municipality);
    expect(event).toEqual(original);
    expect(headers[HEADERS.eventType]).toBe('SignalRecorded');
    expect(headers[HEADERS.correlationId]).toBe(original.metadata.correlationId);
    expect(headers[HEADERS.causationId]).toBe(original.metadata.causationId);
  }
  for (const municipality of ['GM0363', 'GM0599', 'GM0518']) {
    const inTopic = messages.filter((m) => m.key === municipality).map((m) => m.event.eventId);
    const inLog = appended
      .filter((e) => (e.data as { municipality: string }).municipality === municipality)
      .map((e) => e.eventId);
    expect(inTopic).toEqual(inLog);
  }
});

it('moves its checkpoint only after the broker acknowledged, and resumes from it', async () => {
  const first = await appendSignals(10, ['GM0363']);
  const failing = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await failing.connect();
  await failing.disconnect(); // a producer that cannot send: the broker never acknowledges
  await expect(relay({ producer: failing }).catchUp()).rejects.toThrow();
  const checkpoints = new CheckpointStore();
  const stored = await database.transaction((q) => checkpoints.load(q, RELAY_PROCESSOR));
  expect(stored).toEqual(start);

  const second = await appendSignals(5, ['GM0363']);
  await relay().catchUp();
  const messages = await readTopic(15);
  expect(messages.map((m) => m.event.eventId)).toEqual([...first, ...second].map((e) => e.eventId));
  const moved = await database.transaction((q) => checkpoints.load(q, RELAY_PROCESSOR));
  expect(moved).toEqual(second[second.length - 1].globalPosition);
});
